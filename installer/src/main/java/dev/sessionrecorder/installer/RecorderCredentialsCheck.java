package dev.sessionrecorder.installer;

import static dev.sessionrecorder.core.upload.S3Clients.APPSTREAM_PROFILE;

import dev.sessionrecorder.core.config.RecorderConfig;
import dev.sessionrecorder.core.upload.S3Clients;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the recorder will find credentials when it runs as SYSTEM, which doctor's S3 check (run as the administrator)
 * cannot show: the profile file it will read, whether the profile it will pick is there, and whether an instance role
 * answers. On an image builder appstream_machine_role is normally absent, so that is a WARN saying what stays unproven;
 * only a profile recorder.json pins that cannot be found is a FAIL, since then every upload on the fleet would fail.
 */
final class RecorderCredentialsCheck {
    private final RecorderAccount account;
    private final InstanceRole instanceRole;

    RecorderCredentialsCheck(RecorderAccount account, InstanceRole instanceRole) {
        this.account = account;
        this.instanceRole = instanceRole;
    }

    List<Doctor.Check> run(RecorderConfig.S3 s3) {
        String name = "creds as " + account.name();
        String where;
        ProfileFile file;
        try {
            if (s3.profileFile().isPresent()) {
                where = "s3.profileFile " + s3.profileFile().get();
                file = S3Clients.profileFile(s3.profileFile().get());
            } else {
                SdkProfileFiles files = SdkProfileFiles.of(account);
                where = account.name() + "'s " + files.describe();
                file = files.read();
            }
        } catch (java.io.IOException | RuntimeException e) {
            return List.of(Doctor.Check.warn(name, "cannot read the profile file the recorder will read as " + account.name() + ": "
                    + e.getMessage() + "; which credentials it will use is unproven", "make the file readable by Administrators to check it"));
        }
        Optional<String> pinned = s3.profile();
        boolean defaultChain = false;
        Doctor.Check profileCheck;
        if (pinned.isPresent() && !pinned.get().equals(APPSTREAM_PROFILE)) {
            profileCheck = file.profile(pinned.get()).isPresent()
                    ? Doctor.Check.pass(name, "recorder.json pins s3.profile " + pinned.get() + ", found in " + where + "; every instance "
                            + "made from this image will use it, not " + APPSTREAM_PROFILE)
                    : Doctor.Check.fail(name, "recorder.json pins s3.profile " + pinned.get() + ", which " + where + " lacks: the recorder "
                            + "as " + account.name() + " would fail every upload", "run install again without --profile (doctor's own S3 "
                            + "check takes --doctor-profile), or add the profile to that file, or set s3.profileFile to a file that has it");
        } else if (file.profile(APPSTREAM_PROFILE).isPresent()) {
            profileCheck = Doctor.Check.pass(name, APPSTREAM_PROFILE + " is in " + where + ": the recorder as " + account.name()
                    + " will use it (with the role AppStream applied to this instance; the fleet's may differ)");
        } else {
            defaultChain = pinned.isEmpty();
            profileCheck = Doctor.Check.warn(name, APPSTREAM_PROFILE + " is not in " + where + ". AppStream creates it only on "
                    + "instances it applied an IAM role to (fleet instances, and image builders launched with a role), so that the "
                    + "recorder as " + account.name() + " finds it on the fleet is unproven here" + (pinned.isPresent()
                            ? "; s3.profile pins it, so without it every upload fails"
                            : "; without it the recorder uses the SDK default chain"),
                    "none on the builder; on a fleet instance the recorder log says 'Credentials: profile " + APPSTREAM_PROFILE + "'");
        }
        return List.of(profileCheck, instanceRole(defaultChain));
    }

    /** The default chain's last resort. Only when the recorder would fall back to that chain is a missing role a WARN. */
    private Doctor.Check instanceRole(boolean needed) {
        String name = "instance role";
        InstanceRole.Reading r = instanceRole.read(account);
        String fact;
        if (r instanceof InstanceRole.Role role) {
            return Doctor.Check.pass(name, "instance role " + role.name() + " answers through IMDSv2 at " + role.endpoint()
                    + "; the default chain can use it");
        } else if (r instanceof InstanceRole.Disabled) {
            fact = "AWS_EC2_METADATA_DISABLED=true in " + account.name() + "'s environment: the recorder never asks for an instance role";
        } else if (r instanceof InstanceRole.NoRole none) {
            fact = "IMDSv2 at " + none.endpoint() + " answers, but no instance role is attached";
        } else {
            InstanceRole.Unreachable u = (InstanceRole.Unreachable) r;
            fact = "no IMDSv2 answer from " + u.endpoint() + " within 1 s (" + u.why() + "): no instance role here";
        }
        return needed ? Doctor.Check.warn(name, fact, "none if the fleet gets " + APPSTREAM_PROFILE + "; elsewhere give the instance a "
                + "role (and remove AWS_EC2_METADATA_DISABLED) or pin a profile SYSTEM can read")
                : Doctor.Check.pass(name, fact + "; not needed, the recorder uses a profile");
    }
}
