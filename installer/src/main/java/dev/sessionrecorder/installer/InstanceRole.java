package dev.sessionrecorder.installer;

import java.net.URI;

/** Whether the SDK's default chain would find an EC2 instance role for an account; tests answer without a network. */
interface InstanceRole {
    sealed interface Reading {}

    /** AWS_EC2_METADATA_DISABLED=true: the SDK never asks. */
    record Disabled() implements Reading {}

    record Role(String name, URI endpoint) implements Reading {}

    /** The metadata service answers, but no role is attached to the instance. */
    record NoRole(URI endpoint) implements Reading {}

    record Unreachable(URI endpoint, String why) implements Reading {}

    Reading read(RecorderAccount account);
}
