package dev.sessionrecorder.demo;

import dev.sessionrecorder.devkit.HttpCallLog.Call;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What IAM checks for each request a client sent: the S3 REST API's operation is told by method, path
 * (path-style: {@code /bucket/key}) and sub-resource in the query, as in the S3 API reference; AppStream's
 * JSON API by its X-Amz-Target. A request this table does not know needs "UNMAPPED", which no policy
 * grants: a new kind of call fails the test until someone decides what it needs.
 */
final class IamActions {
    /** One permission a call needs: action, resource ARN, and the condition keys the request sets. */
    record Need(String action, String resource, Map<String, String> context, Call call) {
        @Override
        public String toString() {
            return action + " on " + resource + (context.isEmpty() ? "" : " " + context) + "  (" + call + ")";
        }
    }

    private IamActions() {}

    /** @param appStreamResource the ARN an AppStream call is about, e.g. the stack's */
    static List<Need> of(Call call, String appStreamResource) {
        Optional<String> target = call.header("x-amz-target");
        if (target.isPresent()) {
            String operation = target.get().substring(target.get().indexOf('.') + 1);
            return List.of(new Need("appstream:" + operation, appStreamResource, Map.of(), call));
        }
        return s3(call);
    }

    private static List<Need> s3(Call call) {
        String path = URLDecoder.decode(call.path().replace("+", "%2B"), StandardCharsets.UTF_8);
        String[] parts = path.substring(1).split("/", 2);
        String bucket = parts[0];
        String key = parts.length > 1 ? parts[1] : "";
        Map<String, String> q = call.query();
        String m = call.method();
        List<Need> out = new ArrayList<>();
        if (bucket.isEmpty()) {
            out.add(need("s3:ListAllMyBuckets", "arn:aws:s3:::*", call));
            return out;
        }
        String bucketArn = "arn:aws:s3:::" + bucket;
        String objectArn = bucketArn + "/" + key;
        if (key.isEmpty()) {
            if (m.equals("GET") && q.containsKey("uploads")) {
                out.add(need("s3:ListBucketMultipartUploads", bucketArn, call));
            } else if ((m.equals("GET") && onlyListParameters(q)) || (m.equals("HEAD") && q.isEmpty())) {
                // ListObjectsV2, ListObjects and HeadBucket all need s3:ListBucket; s3:prefix is the listing's prefix
                out.add(new Need("s3:ListBucket", bucketArn, Map.of("s3:prefix", q.getOrDefault("prefix", "")), call));
            } else {
                out.add(need("UNMAPPED", bucketArn, call));
            }
            return out;
        }
        if (call.header("x-amz-copy-source").isPresent()) {
            out.add(need("UNMAPPED", objectArn, call)); // a copy also reads its source: decide when one appears
            return out;
        }
        switch (m) {
            case "PUT" -> {
                if (q.isEmpty() || (q.containsKey("uploadId") && q.containsKey("partNumber") && q.size() == 2)) {
                    out.add(need("s3:PutObject", objectArn, call)); // PutObject, UploadPart
                    headerPermissions(call, objectArn, out);
                } else {
                    out.add(need("UNMAPPED", objectArn, call));
                }
            }
            case "POST" -> {
                if (q.keySet().equals(java.util.Set.of("uploads"))) {
                    out.add(need("s3:PutObject", objectArn, call)); // CreateMultipartUpload
                    headerPermissions(call, objectArn, out);
                } else if (q.keySet().equals(java.util.Set.of("uploadId"))) {
                    out.add(need("s3:PutObject", objectArn, call)); // CompleteMultipartUpload
                } else {
                    out.add(need("UNMAPPED", objectArn, call));
                }
            }
            case "GET", "HEAD" -> {
                if (q.isEmpty() || q.keySet().stream().allMatch(p -> p.startsWith("response-") || p.equals("partNumber"))) {
                    out.add(need("s3:GetObject", objectArn, call)); // GetObject, HeadObject
                } else if (m.equals("GET") && q.containsKey("uploadId")) {
                    out.add(need("s3:ListMultipartUploadParts", objectArn, call));
                } else {
                    out.add(need("UNMAPPED", objectArn, call));
                }
            }
            case "DELETE" -> {
                if (q.isEmpty()) {
                    out.add(need("s3:DeleteObject", objectArn, call));
                } else if (q.keySet().equals(java.util.Set.of("uploadId"))) {
                    out.add(need("s3:AbortMultipartUpload", objectArn, call));
                } else {
                    out.add(need("UNMAPPED", objectArn, call));
                }
            }
            default -> out.add(need("UNMAPPED", objectArn, call));
        }
        return out;
    }

    private static boolean onlyListParameters(Map<String, String> q) {
        return q.keySet().stream().allMatch(p -> java.util.Set.of("list-type", "prefix", "delimiter", "continuation-token",
                "start-after", "max-keys", "encoding-type", "fetch-owner", "marker").contains(p));
    }

    /** Headers on a write that IAM checks as permissions of their own. */
    private static void headerPermissions(Call call, String objectArn, List<Need> out) {
        if (call.header("x-amz-object-lock-mode").isPresent() || call.header("x-amz-object-lock-retain-until-date").isPresent()) {
            out.add(need("s3:PutObjectRetention", objectArn, call));
        }
        if (call.header("x-amz-object-lock-legal-hold").isPresent()) {
            out.add(need("s3:PutObjectLegalHold", objectArn, call));
        }
        if (call.header("x-amz-tagging").isPresent()) {
            out.add(need("s3:PutObjectTagging", objectArn, call));
        }
        if (call.headers().keySet().stream().anyMatch(h -> h.equals("x-amz-acl") || h.startsWith("x-amz-grant-"))) {
            out.add(need("s3:PutObjectAcl", objectArn, call));
        }
        if (call.header("x-amz-server-side-encryption").filter("aws:kms"::equals).isPresent()) {
            // S3 asks KMS for a data key with the caller's permissions
            out.add(need("kms:GenerateDataKey", call.header("x-amz-server-side-encryption-aws-kms-key-id").orElse("*"), call));
        }
    }

    private static Need need(String action, String resource, Call call) {
        return new Need(action, resource, Map.of(), call);
    }
}
