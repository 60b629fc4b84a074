package dev.sessionrecorder.recordings.store;

import dev.sessionrecorder.core.upload.S3Layout;
import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Finds sessions by walking the recorder's key layout ({@code prefix/yyyy/MM/dd/stack/sessionId/}) one
 * folder level at a time with a "/" delimiter. A date range therefore costs one listing per year, month
 * and day in range plus one per stack, however many chunks the bucket holds: it never lists the bucket.
 */
public final class Catalog {
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    private final S3Client s3;
    private final String bucket;
    private final String root;

    /** @param prefix the recorder's {@code s3.prefix}, without slashes at either end; may be empty */
    public Catalog(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.root = prefix.isEmpty() ? "" : prefix + "/";
    }

    public S3Client s3() {
        return s3;
    }

    public String bucket() {
        return bucket;
    }

    /** Inclusive range of UTC start days; an empty end is open. */
    public record Days(Optional<LocalDate> from, Optional<LocalDate> to) {
        public static final Days ALL = new Days(Optional.empty(), Optional.empty());

        public boolean contains(LocalDate d) {
            return from.map(f -> !d.isBefore(f)).orElse(true) && to.map(t -> !d.isAfter(t)).orElse(true);
        }

        boolean overlapsYear(int y) {
            return from.map(f -> f.getYear() <= y).orElse(true) && to.map(t -> t.getYear() >= y).orElse(true);
        }

        boolean overlapsMonth(int y, int m) {
            YearMonth ym = YearMonth.of(y, m);
            return from.map(f -> !YearMonth.from(f).isAfter(ym)).orElse(true)
                    && to.map(t -> !YearMonth.from(t).isBefore(ym)).orElse(true);
        }
    }

    /**
     * Key folders (no trailing slash) of the sessions that started on a day in {@code days}, newest day
     * first; only under {@code stack} when given.
     */
    public List<String> sessions(Days days, Optional<String> stack, Consumer<String> progress) throws IOException {
        List<String> out = new ArrayList<>();
        for (LocalDate day : days(days)) {
            out.addAll(sessionsOn(day, stack, progress));
        }
        return out;
    }

    /** The key folder of session {@code sessionId}, searching the newest days first. */
    public Optional<String> find(String sessionId, Days days, Consumer<String> progress) throws IOException {
        for (LocalDate day : days(days)) {
            for (String base : sessionsOn(day, Optional.empty(), progress)) {
                if (base.endsWith("/" + sessionId)) {
                    return Optional.of(base);
                }
            }
        }
        return Optional.empty();
    }

    /** The days that have recordings, newest first. */
    List<LocalDate> days(Days range) throws IOException {
        List<LocalDate> out = new ArrayList<>();
        for (String y : folders(root, YEAR)) {
            int year = Integer.parseInt(y);
            if (!range.overlapsYear(year)) {
                continue;
            }
            for (String m : folders(root + y + "/", TWO_DIGITS)) {
                int month = Integer.parseInt(m);
                if (month < 1 || month > 12 || !range.overlapsMonth(year, month)) {
                    continue;
                }
                for (String d : folders(root + y + "/" + m + "/", TWO_DIGITS)) {
                    int dom = Integer.parseInt(d);
                    if (dom >= 1 && dom <= LocalDate.of(year, month, 1).lengthOfMonth()
                            && range.contains(LocalDate.of(year, month, dom))) {
                        out.add(LocalDate.of(year, month, dom));
                    }
                }
            }
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    private List<String> sessionsOn(LocalDate day, Optional<String> stack, Consumer<String> progress) throws IOException {
        String dayPrefix = root + "%04d/%02d/%02d/".formatted(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
        progress.accept("listing " + dayPrefix);
        List<String> stacks = stack.isPresent() ? List.of(S3Layout.safeSegment(stack.get()))
                : folders(dayPrefix, null);
        List<String> out = new ArrayList<>();
        for (String s : stacks) {
            for (String id : folders(dayPrefix + s + "/", null)) {
                out.add(dayPrefix + s + "/" + id);
            }
        }
        return out;
    }

    /** Names of the sub-folders of {@code prefix} (one delimiter listing, paginated), sorted. */
    private List<String> folders(String prefix, Pattern only) throws IOException {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).delimiter("/")).commonPrefixes().stream()
                    .map(CommonPrefix::prefix)
                    .map(p -> p.substring(prefix.length(), p.length() - 1))
                    .filter(n -> only == null || only.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (S3Exception e) {
            throw Stores.explain(s3, e, "ListBucket", bucket, prefix);
        }
    }
}
