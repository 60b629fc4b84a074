package dev.sessionrecorder.core.upload;

import java.util.Set;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns S3's refusals into sentences an image builder can act on: which bucket, which region, which
 * permission, and what to change. Chunks always stay on disk; these only explain why they wait.
 */
public final class S3Errors {
    private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired");

    private S3Errors() {}

    /**
     * @param action the IAM action the request needs, e.g. {@code PutObject}
     */
    public static String explain(S3Exception e, String action, String bucket, String key, String region) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if ("NoSuchBucket".equals(code)) {
            return "bucket \"" + bucket + "\" does not exist in region " + region
                    + ". Fix: check s3.bucket and s3.region in recorder.json";
        }
        if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
            String actual = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                    : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
            return "bucket \"" + bucket + "\" is not in region " + region + (actual == null ? "" : " but in " + actual)
                    + ". Fix: set s3.region to the bucket's region" + (actual == null ? "" : " (\"" + actual + "\")");
        }
        if (code != null && BAD_CREDENTIALS.contains(code)) {
            return "S3 rejected the credentials (" + code + ") for bucket \"" + bucket + "\" in " + region
                    + ". Fix: check s3.profile / s3.profileFile, or the fleet role's credential_process";
        }
        if (status == 403) {
            return "access denied (" + (code == null ? "403" : code) + ") for s3:" + action + " on s3://" + bucket + "/" + key
                    + " in " + region + ". Fix: allow s3:" + action + " on arn:aws:s3:::" + bucket + "/" + prefixOf(key)
                    + "* for the credentials in use (and kms:GenerateDataKey if the bucket encrypts with KMS)";
        }
        return "S3 " + status + (code == null ? "" : " " + code) + " for s3:" + action + " on s3://" + bucket + "/" + key
                + " in " + region + ": " + e.getMessage();
    }

    private static String prefixOf(String key) {
        int first = key.indexOf('/');
        return first < 0 ? "" : key.substring(0, first + 1);
    }
}
