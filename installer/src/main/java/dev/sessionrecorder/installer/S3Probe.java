package dev.sessionrecorder.installer;

import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.session.HostName;
import dev.sessionrecorder.core.upload.ObjectOptions;
import dev.sessionrecorder.core.upload.S3Clients;
import dev.sessionrecorder.core.upload.S3Errors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Puts, heads and deletes one small object under the configured prefix with the configured
 * credentials, encryption and retention: the PUT is exactly what the recorder needs (so a KMS key the
 * role cannot use fails here too). HEAD and DELETE are not needed by the recorder (a write-only role
 * is the recommended one, and Object Lock refuses deletes), so their refusal is a WARN that names the
 * permission, never a FAIL.
 */
final class S3Probe {
    private final RecorderConfig.S3 s3;
    private final DoctorCredentials credentials;
    private final String key;

    /** {@code s3} as recorder.json has it; {@code credentials} doctor's own, when given, in place of the recorder's. */
    S3Probe(RecorderConfig.S3 s3, DoctorCredentials credentials) {
        this.s3 = s3;
        this.credentials = credentials;
        String name = "_doctor/" + HostName.forKeys() + "-" + Instant.now().toEpochMilli() + ".txt";
        this.key = s3.prefix().isEmpty() ? name : s3.prefix() + "/" + name;
    }

    List<Doctor.Check> run() {
        List<Doctor.Check> checks = new ArrayList<>();
        try (S3Client client = S3Clients.create(credentials.forProbe(s3))) {
            checks.add(put(client));
            if (checks.get(0).status() != Doctor.Status.PASS) {
                return checks;
            }
            checks.add(head(client));
            checks.add(delete(client));
        } catch (RuntimeException e) {
            checks.add(Doctor.Check.fail("s3 put", "cannot create an S3 client: " + e.getMessage(),
                    credentials.given() ? "check --doctor-profile / --doctor-profile-file and s3.region in recorder.json"
                            : "check s3.profile / s3.profileFile and s3.region in recorder.json"));
        }
        return checks;
    }

    private Doctor.Check put(S3Client client) {
        String what = "s3 put" + s3.kmsKeyId().map(k -> " (SSE-KMS " + k + ")").orElse("");
        try {
            PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(s3.bucket()).key(key)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).contentType("text/plain");
            ObjectOptions.from(s3).apply(b, Instant.now());
            client.putObject(b.build(), RequestBody.fromString("session-recorder doctor probe from " + HostName.forKeys() + "\n", StandardCharsets.UTF_8));
            return Doctor.Check.pass(what, "wrote s3://" + s3.bucket() + "/" + key + "; " + credentials.statement(s3));
        } catch (S3Exception e) {
            return Doctor.Check.fail(what, explainOnly(e, "PutObject") + "; " + credentials.statement(s3), fixOf(S3Errors.explain(e, "PutObject", s3.bucket(), key, s3.region())));
        } catch (SdkClientException e) {
            return Doctor.Check.fail(what, "cannot reach S3" + s3.endpoint().map(u -> " at " + u).orElse(" in " + s3.region()) + ": "
                    + e.getMessage() + "; " + credentials.statement(s3), "check the network path to S3 (VPC endpoint, proxy, security groups) and the credentials' source");
        }
    }

    private Doctor.Check head(S3Client client) {
        try {
            long size = client.headObject(b -> b.bucket(s3.bucket()).key(key)).contentLength();
            return Doctor.Check.pass("s3 head", "read it back (" + size + " bytes)");
        } catch (S3Exception e) {
            return Doctor.Check.warn("s3 head", "not allowed to read it back (" + e.statusCode() + "); the recorder does not need "
                    + "s3:GetObject, auditors' tools do", fixOf(S3Errors.explain(e, "GetObject", s3.bucket(), key, s3.region())));
        }
    }

    private Doctor.Check delete(S3Client client) {
        try {
            client.deleteObject(b -> b.bucket(s3.bucket()).key(key));
            return Doctor.Check.pass("s3 delete", "removed the probe object");
        } catch (S3Exception e) {
            return Doctor.Check.warn("s3 delete", "not allowed to delete the probe (" + e.statusCode() + "), so it stays at s3://"
                    + s3.bucket() + "/" + key + "; the recorder never deletes", "none needed; remove it with an administrator's credentials");
        }
    }

    /** S3Errors' sentence without its "Fix:" part, which goes on the fix line. */
    private String explainOnly(S3Exception e, String action) {
        String full = S3Errors.explain(e, action, s3.bucket(), key, s3.region());
        int fix = full.indexOf(". Fix: ");
        return fix < 0 ? full : full.substring(0, fix);
    }

    private static String fixOf(String explained) {
        int fix = explained.indexOf(". Fix: ");
        return fix < 0 ? "see the message" : explained.substring(fix + 7);
    }
}
