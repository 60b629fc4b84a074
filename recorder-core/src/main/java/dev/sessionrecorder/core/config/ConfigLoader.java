package dev.sessionrecorder.core.config;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads {@code recorder.json} and validates every field before anything starts. The first problem
 * found is reported; its message names the field, the value and the fix.
 *
 * <p>Defaults are chosen for a 2-vCPU streaming instance by the benchmark in bench/ (numbers in the
 * README): 5 fps, 60-second chunks, one encoder thread, a keyframe per chunk (fragments, not
 * keyframes, bound what a crash loses), and the "auto" encoder: libx264 superfast at crf 34 in the GPL
 * build (text stays crisp at SSIM-Y 0.998 on a scrolling terminal), libopenh264 at 1,500 kb/s in the
 * default LGPL build.
 */
public final class ConfigLoader {
    public static final int DEFAULT_FPS = 5;
    public static final int DEFAULT_CHUNK_SECONDS = 60;
    public static final int MIN_CHUNK_SECONDS = 5;
    public static final String DEFAULT_ENCODER = "auto";
    public static final int DEFAULT_BITRATE_KBPS = 1500;
    public static final int DEFAULT_KEYFRAME_SECONDS = 60;
    public static final int DEFAULT_CRF = 34;
    public static final String DEFAULT_PRESET = "superfast";
    public static final long DEFAULT_MAX_SPOOL_BYTES = 2L << 30;
    /** Keep this much disk free for the user's applications, whatever maxBytes allows. */
    public static final long DEFAULT_MIN_FREE_BYTES = 512L << 20;
    /** S3 bucket naming rules (general purpose buckets), loosely: 3-63 chars, lowercase, digits, dots, hyphens. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/=-]*");
    private static final Set<String> ENCODERS = Set.of("auto", "libopenh264", "libx264");
    private static final List<String> X264_PRESETS = List.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium");
    /** Each entry is tried against every title; a few hundred stays far below a millisecond per poll. */
    private static final int MAX_REDACT = 200;
    private static final Pattern WINDOWS_PATH = Pattern.compile("[A-Za-z]:[\\\\/]|\\\\\\\\");
    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

    /**
     * Every field recorder.json accepts, by the path of the object holding it ("" is the file itself). The
     * loader refuses anything else with exactly these sets, and the documentation test checks the docs
     * against them, so the schema has one source: a field added here without docs, or documented without
     * being here, fails the build.
     */
    public static final Map<String, Set<String>> FIELDS = Map.of(
            "", Set.of("s3", "recording", "video", "spool", "logs", "activity"),
            "s3", Set.of("bucket", "region", "prefix", "endpoint", "pathStyle", "profile", "profileFile",
                    "encryption", "kmsKeyId", "objectLock"),
            "s3.objectLock", Set.of("mode", "retainDays"),
            "recording", Set.of("fps", "chunkSeconds", "skipUnchangedFrames"),
            "video", Set.of("encoder", "bitrateKbps", "keyframeSeconds", "maxQp", "crf", "preset", "threads"),
            "spool", Set.of("dir", "maxBytes", "minFreeBytes", "whenFull"),
            "logs", Set.of("dir"),
            "activity", Set.of("enabled", "windowTitles", "redact", "idleSeconds", "pollMillis"));

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final Path defaultRoot;

    /** @param defaultRoot install root used for spool/ and logs/ when the file does not set them */
    public ConfigLoader(Path defaultRoot) {
        this.defaultRoot = defaultRoot;
    }

    /** Loader with the platform's install root: {@code C:\SessionRecording} on Windows, the working directory elsewhere. */
    public static ConfigLoader forThisPlatform() {
        return new ConfigLoader(WINDOWS ? Path.of("C:\\SessionRecording") : Path.of("").toAbsolutePath());
    }

    public RecorderConfig load(Path file) throws ConfigException {
        return parse(sourceName(file), read(file), file.toAbsolutePath().getParent());
    }

    /**
     * Only the {@code s3} section of a recorder.json, validated by the same rules: for tools that read
     * recordings (auditors' workstations have no spool or log folder to check).
     */
    public RecorderConfig.S3 loadS3(Path file) throws ConfigException {
        String source = sourceName(file);
        JsonFields top = new JsonFields(source, "", root(source, read(file)));
        if (!top.has("s3")) {
            throw top.error("s3", "is missing", "add \"s3\": {\"bucket\": \"...\", \"region\": \"...\"}");
        }
        return s3(top.object("s3"), file.toAbsolutePath().getParent());
    }

    /**
     * Validates an {@code s3} object built elsewhere (e.g. from command-line flags); errors name its fields
     * as {@code s3.<name>} from {@code source}.
     */
    public RecorderConfig.S3 parseS3(String source, JsonNode s3, Path baseDir) throws ConfigException {
        return s3(new JsonFields(source, "s3", s3), baseDir);
    }

    private static String sourceName(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", file + ": file not found. Fix: pass --config with the path of your recorder.json.");
        } catch (IOException e) {
            throw new ConfigException("", file + ": cannot be read (" + e + "). Fix: check the path and its permissions.");
        }
    }

    /**
     * Notepad and PowerShell 5's {@code Set-Content -Encoding UTF8} start a UTF-8 file with a byte-order
     * mark, which reading as UTF-8 keeps as U+FEFF and JSON parsers refuse; an image builder who edited
     * recorder.json that way must not get "not valid JSON at column 1".
     */
    static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
    }

    /** Parses {@code text}; relative paths in it are resolved against {@code baseDir}. */
    public RecorderConfig parse(String source, String text, Path baseDir) throws ConfigException {
        JsonNode root = root(source, text);
        JsonFields top = new JsonFields(source, "", root);
        top.rejectUnknown(FIELDS.get(""));
        if (!top.has("s3")) {
            throw top.error("s3", "is missing", "add \"s3\": {\"bucket\": \"...\", \"region\": \"...\"}");
        }
        RecorderConfig.Recording recording = recording(top.object("recording"));
        return new RecorderConfig(
                s3(top.object("s3"), baseDir),
                recording,
                video(top.object("video"), recording),
                spool(top.object("spool"), baseDir),
                logs(top.object("logs"), baseDir),
                activity(top.object("activity")));
    }

    private JsonNode root(String source, String text) throws ConfigException {
        JsonNode root;
        try {
            root = mapper.readTree(withoutBom(text));
        } catch (JsonParseException e) {
            throw new ConfigException("", source + ": is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage()
                    + "). Fix: correct the JSON syntax there.");
        } catch (JsonProcessingException e) {
            throw new ConfigException("", source + ": is not valid JSON (" + e.getOriginalMessage() + "). Fix: correct the JSON syntax.");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("", source + ": must hold one JSON object { ... }. Fix: start from the documented recorder.json.");
        }
        return root;
    }

    private RecorderConfig.S3 s3(JsonFields f, Path baseDir) throws ConfigException {
        f.rejectUnknown(FIELDS.get("s3"));
        String bucket = f.requiredString("bucket", "set it to the name of the S3 bucket that receives recordings");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw f.error("bucket", "is \"" + bucket + "\", not a valid S3 bucket name",
                    "use 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit");
        }
        String region = f.requiredString("region", "set it to the bucket's AWS region, e.g. \"us-east-1\"");
        if (!REGION.matcher(region).matches()) {
            throw f.error("region", "is \"" + region + "\", not an AWS region code", "use a code like \"us-east-1\" or \"eu-central-1\"");
        }
        String prefix = f.string("prefix", "recordings").strip();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (prefix.startsWith("/") || prefix.contains("//") || !PREFIX.matcher(prefix).matches()
                || Set.of(prefix.split("/")).contains("..")) {
            throw f.error("prefix", "is \"" + prefix + "\", not a safe S3 key prefix",
                    "use letters, digits and / - _ . only, without a leading slash, \"//\" or \"..\", e.g. \"recordings\"");
        }
        Optional<URI> endpoint = Optional.empty();
        String ep = f.string("endpoint", null);
        if (ep != null && !ep.isBlank()) {
            try {
                URI uri = new URI(ep.strip());
                if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(ep, "needs http:// or https:// and a host");
                }
                endpoint = Optional.of(uri);
            } catch (URISyntaxException e) {
                throw f.error("endpoint", "is \"" + ep + "\", not an http(s) URL",
                        "write a URL like \"https://s3.us-east-1.amazonaws.com\", or remove it to use AWS S3");
            }
        }
        boolean pathStyle = f.bool("pathStyle", false);
        Optional<String> profile = Optional.ofNullable(f.string("profile", null)).map(String::strip).filter(s -> !s.isEmpty());
        Optional<Path> profileFile = Optional.empty();
        if (f.has("profileFile")) {
            Path p = path(f, "profileFile", baseDir);
            if (!Files.isReadable(p)) {
                throw f.error("profileFile", "is \"" + p + "\", which does not exist or cannot be read",
                        "point it at an AWS shared config/credentials file, or remove it to use the SDK's default location");
            }
            profileFile = Optional.of(p);
        }
        String enc = f.string("encryption", "none").strip();
        RecorderConfig.Encryption encryption = switch (enc) {
            case "none" -> RecorderConfig.Encryption.NONE;
            case "AES256" -> RecorderConfig.Encryption.AES256;
            case "aws:kms" -> RecorderConfig.Encryption.KMS;
            default -> throw f.error("encryption", "is \"" + enc + "\", not a server-side encryption S3 knows",
                    "use \"AES256\" (SSE-S3), \"aws:kms\" (SSE-KMS) or \"none\" (the bucket's default)");
        };
        Optional<String> kmsKeyId = Optional.ofNullable(f.string("kmsKeyId", null)).map(String::strip).filter(k -> !k.isEmpty());
        if (kmsKeyId.isPresent() && encryption != RecorderConfig.Encryption.KMS) {
            throw f.error("kmsKeyId", "is set, but \"s3.encryption\" is \"" + enc + "\"",
                    "set \"encryption\": \"aws:kms\", or remove \"kmsKeyId\"");
        }
        Optional<RecorderConfig.Retention> retention = Optional.empty();
        if (f.has("objectLock")) {
            JsonFields lock = f.object("objectLock");
            lock.rejectUnknown(FIELDS.get("s3.objectLock"));
            String mode = lock.requiredString("mode", "set it to \"GOVERNANCE\" or \"COMPLIANCE\"");
            if (!Set.of("GOVERNANCE", "COMPLIANCE").contains(mode)) {
                throw lock.error("mode", "is \"" + mode + "\", not an Object Lock mode",
                        "use \"GOVERNANCE\" (admins with a special permission may shorten it) or \"COMPLIANCE\" (nobody can)");
            }
            if (!lock.has("retainDays")) {
                throw lock.error("retainDays", "is missing", "set how many days each recording stays locked, e.g. 365");
            }
            int days = (int) lock.integer("retainDays", 365, 1, 36_500, "days");
            retention = Optional.of(new RecorderConfig.Retention(mode, days));
        }
        return new RecorderConfig.S3(bucket, region, prefix, endpoint, pathStyle, profile, profileFile, encryption, kmsKeyId,
                retention);
    }

    private RecorderConfig.Recording recording(JsonFields f) throws ConfigException {
        f.rejectUnknown(FIELDS.get("recording"));
        int fps = (int) f.integer("fps", DEFAULT_FPS, 1, 30, "frames per second");
        int chunk = (int) f.integer("chunkSeconds", DEFAULT_CHUNK_SECONDS, MIN_CHUNK_SECONDS, 3600, "seconds");
        boolean skip = f.bool("skipUnchangedFrames", true);
        return new RecorderConfig.Recording(fps, Duration.ofSeconds(chunk), skip);
    }

    private RecorderConfig.Video video(JsonFields f, RecorderConfig.Recording recording) throws ConfigException {
        f.rejectUnknown(FIELDS.get("video"));
        String encoder = f.string("encoder", DEFAULT_ENCODER).strip();
        if (!ENCODERS.contains(encoder)) {
            throw f.error("encoder", "is \"" + encoder + "\", which this recorder does not support",
                    "use \"auto\" (default), \"libopenh264\" (any build) or \"libx264\" (GPL build only, see README)");
        }
        int bitrate = (int) f.integer("bitrateKbps", DEFAULT_BITRATE_KBPS, 100, 50_000, "kb/s");
        long chunkSeconds = recording.chunkLength().toSeconds();
        int keyframe = (int) f.integer("keyframeSeconds", Math.min(DEFAULT_KEYFRAME_SECONDS, chunkSeconds), 1, chunkSeconds, "seconds");
        int maxQp = (int) f.integer("maxQp", 35, 10, 51, "(H.264 quantiser)");
        int crf = (int) f.integer("crf", DEFAULT_CRF, 0, 51, "(x264 constant rate factor)");
        String preset = f.string("preset", DEFAULT_PRESET).strip();
        if (!X264_PRESETS.contains(preset)) {
            throw f.error("preset", "is \"" + preset + "\", not an x264 preset",
                    "use one of " + String.join(", ", X264_PRESETS) + " (faster presets cost less CPU and make bigger files)");
        }
        int threads = (int) f.integer("threads", 1, 1, 16, "encoder threads");
        if (encoder.equals("libopenh264")) {
            for (String x264Only : List.of("crf", "preset")) {
                if (f.has(x264Only)) {
                    throw f.error(x264Only, "is set, but applies only to libx264",
                            "remove \"" + x264Only + "\" (libopenh264 follows \"bitrateKbps\"), or set \"encoder\": \"libx264\"");
                }
            }
        }
        return new RecorderConfig.Video(encoder, bitrate, keyframe, maxQp, crf, preset, threads);
    }

    private RecorderConfig.Spool spool(JsonFields f, Path baseDir) throws ConfigException {
        f.rejectUnknown(FIELDS.get("spool"));
        Path dir = f.has("dir") ? path(f, "dir", baseDir) : defaultRoot.resolve("spool");
        requireWritableDir(f, "dir", dir);
        long maxBytes = f.integer("maxBytes", DEFAULT_MAX_SPOOL_BYTES, 4L << 20, Long.MAX_VALUE, "bytes");
        long minFree = f.integer("minFreeBytes", DEFAULT_MIN_FREE_BYTES, 0, Long.MAX_VALUE, "bytes");
        String policy = f.string("whenFull", "pause").strip();
        RecorderConfig.FullPolicy whenFull = null;
        for (RecorderConfig.FullPolicy p : RecorderConfig.FullPolicy.values()) {
            if (p.label().equals(policy)) {
                whenFull = p;
            }
        }
        if (whenFull == null) {
            throw f.error("whenFull", "is \"" + policy + "\", not a known policy",
                    "use \"pause\" (default: never loses what was recorded) or \"drop-oldest-unuploaded\"");
        }
        return new RecorderConfig.Spool(dir, maxBytes, minFree, whenFull);
    }

    private Path logs(JsonFields f, Path baseDir) throws ConfigException {
        f.rejectUnknown(FIELDS.get("logs"));
        Path dir = f.has("dir") ? path(f, "dir", baseDir) : defaultRoot.resolve("logs");
        requireWritableDir(f, "dir", dir);
        return dir;
    }

    /**
     * The activity timeline. Redaction entries are compiled here, so a broken pattern stops the recorder at
     * load instead of letting a title it was meant to hide through. Polling faster than 100 ms costs CPU
     * for nothing a reviewer can see; slower than 10 s misses short focus changes.
     */
    private RecorderConfig.Activity activity(JsonFields f) throws ConfigException {
        f.rejectUnknown(FIELDS.get("activity"));
        RecorderConfig.Activity d = RecorderConfig.Activity.DEFAULTS;
        boolean enabled = f.bool("enabled", d.enabled());
        boolean titles = f.bool("windowTitles", d.windowTitles());
        List<String> redact = f.strings("redact");
        if (redact.size() > MAX_REDACT) {
            throw f.error("redact", "has " + redact.size() + " entries, more than " + MAX_REDACT,
                    "combine patterns with | (e.g. \"(?i)salary|payroll\") or switch titles off with \"windowTitles\": false");
        }
        for (int i = 0; i < redact.size(); i++) {
            String r = redact.get(i);
            if (r.isBlank()) {
                throw f.error("redact[" + i + "]", "is empty", "give a process name like \"outlook.exe\" or a title pattern, or remove it");
            }
            try {
                Pattern.compile(r);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw f.error("redact[" + i + "]", "is \"" + r + "\", not a valid regular expression (" + e.getDescription() + ")",
                        "fix the pattern, or write special characters with a backslash (\\\\( for a literal parenthesis)");
            }
        }
        long idle = f.integer("idleSeconds", d.idleAfter().toSeconds(), 5, 86_400, "seconds");
        long poll = f.integer("pollMillis", d.poll().toMillis(), 100, 10_000, "milliseconds");
        return new RecorderConfig.Activity(enabled, titles, redact, Duration.ofSeconds(idle), Duration.ofMillis(poll));
    }

    private static Path path(JsonFields f, String name, Path baseDir) throws ConfigException {
        String s = f.string(name, null);
        if (s == null || s.isBlank()) {
            throw f.error(name, "is empty", "give a folder path, or remove the field to use the default");
        }
        boolean windowsPath = WINDOWS_PATH.matcher(s.strip()).lookingAt();
        if (windowsPath && !WINDOWS) {
            throw f.error(name, "is \"" + s + "\", a Windows path, but this is " + System.getProperty("os.name"),
                    "use a path of this system here (the Windows path is right on the Windows image)");
        }
        try {
            Path p = Path.of(s.strip());
            return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            throw f.error(name, "is \"" + s + "\", not a valid path (" + e.getReason() + ")", "give a valid folder path");
        }
    }

    /** Creates the folder if needed and proves we can write in it, so a full or read-only disk fails here, not mid-session. */
    private static void requireWritableDir(JsonFields f, String name, Path dir) throws ConfigException {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw f.error(name, "is \"" + dir + "\", which cannot be created or written (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")",
                    "choose a folder this account can write, or fix its permissions");
        }
    }
}
