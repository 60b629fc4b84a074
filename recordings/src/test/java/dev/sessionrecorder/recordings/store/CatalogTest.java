package dev.sessionrecorder.recordings.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionrecorder.devkit.EmbeddedS3;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/** The catalog finds sessions by walking the date layout in S3Proxy, one delimited listing per folder level. */
class CatalogTest {
    @TempDir
    static Path dir;
    static EmbeddedS3 s3;
    static S3Client client;
    static final List<ListObjectsV2Request> lists = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(dir.resolve("s3"), "bucket");
        client = S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(EmbeddedS3.REGION)).forcePathStyle(true)
                .httpClientBuilder(ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY,
                        EmbeddedS3.SECRET_KEY)))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof ListObjectsV2Request l) {
                            lists.add(l);
                        }
                    }
                }))
                .build();
        for (String base : List.of("rec/2025/12/31/stack-a/s1", "rec/2026/01/15/stack-a/s2", "rec/2026/01/15/stack-b/s3",
                "rec/2026/02/01/stack-a/s4", "rec/2026/11/22/no-stack/s5", "other/2026/01/15/stack-a/not-ours")) {
            put(base + "/session.json");
            put(base + "/manifest.json");
            for (int i = 1; i <= 30; i++) {
                put(base + "/chunks/%06d.mp4".formatted(i));
            }
        }
        put("rec/README.txt"); // not a year folder: ignored
        put("rec/2026/13/01/stack-a/bad-month/session.json");
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        s3.close();
    }

    @BeforeEach
    void clear() {
        lists.clear();
    }

    private static void put(String key) {
        client.putObject(b -> b.bucket("bucket").key(key), RequestBody.fromString("x"));
    }

    private static Catalog catalog() {
        return new Catalog(client, "bucket", "rec");
    }

    private static Catalog.Days days(String from, String to) {
        return new Catalog.Days(Optional.ofNullable(from).map(LocalDate::parse), Optional.ofNullable(to).map(LocalDate::parse));
    }

    @Test
    void everySessionNewestDayFirst() throws Exception {
        assertThat(catalog().sessions(Catalog.Days.ALL, Optional.empty(), p -> { })).containsExactly(
                "rec/2026/11/22/no-stack/s5", "rec/2026/02/01/stack-a/s4", "rec/2026/01/15/stack-a/s2",
                "rec/2026/01/15/stack-b/s3", "rec/2025/12/31/stack-a/s1");
    }

    @Test
    void aDayRangeListsOnlyFolderLevelsNeverChunks() throws Exception {
        assertThat(catalog().sessions(days("2026-01-01", "2026-01-31"), Optional.empty(), p -> { }))
                .containsExactly("rec/2026/01/15/stack-a/s2", "rec/2026/01/15/stack-b/s3");
        assertThat(lists).allSatisfy(l -> assertThat(l.delimiter()).isEqualTo("/"));
        // rec/ (years), rec/2026/ (months), rec/2026/01/ (days), the day (stacks), and one per stack.
        assertThat(lists).extracting(ListObjectsV2Request::prefix).containsExactly("rec/", "rec/2026/", "rec/2026/01/",
                "rec/2026/01/15/", "rec/2026/01/15/stack-a/", "rec/2026/01/15/stack-b/");
    }

    @Test
    void aDayInAnotherZoneWalksEveryUtcDayItOverlapsAndNoMore() throws Exception {
        // 31 December in Los Angeles (UTC-8) runs from 08:00Z on the 31st to 08:00Z on 1 January: two UTC days, two years.
        DayRange newYearsEve = new DayRange(Optional.of(LocalDate.parse("2025-12-31")), Optional.of(LocalDate.parse("2025-12-31")),
                ZoneId.of("America/Los_Angeles"));
        assertThat(newYearsEve.storageDays()).isEqualTo(days("2025-12-31", "2026-01-01"));
        assertThat(catalog().sessions(newYearsEve.storageDays(), Optional.empty(), p -> { }))
                .containsExactly("rec/2025/12/31/stack-a/s1");
        assertThat(lists).allSatisfy(l -> assertThat(l.delimiter()).isEqualTo("/"));
        // The months of both UTC days are listed for their day folders; only 2025/12/31 exists, so only it is walked
        // (2026/01 holds just the 15th, outside the range).
        assertThat(lists).extracting(ListObjectsV2Request::prefix).containsExactly("rec/", "rec/2025/", "rec/2025/12/", "rec/2026/",
                "rec/2026/01/", "rec/2025/12/31/", "rec/2025/12/31/stack-a/");

        // 16 January in Tokyo (UTC+9) begins at 15:00Z on the 15th: sessions stored under the 15th are candidates.
        lists.clear();
        DayRange tokyo16 = new DayRange(Optional.of(LocalDate.parse("2026-01-16")), Optional.of(LocalDate.parse("2026-01-16")),
                ZoneId.of("Asia/Tokyo"));
        assertThat(catalog().sessions(tokyo16.storageDays(), Optional.empty(), p -> { }))
                .containsExactly("rec/2026/01/15/stack-a/s2", "rec/2026/01/15/stack-b/s3");
        assertThat(lists).extracting(ListObjectsV2Request::prefix).containsExactly("rec/", "rec/2026/", "rec/2026/01/",
                "rec/2026/01/15/", "rec/2026/01/15/stack-a/", "rec/2026/01/15/stack-b/");
    }

    @Test
    void aStackFilterGoesStraightToItsFolder() throws Exception {
        assertThat(catalog().sessions(days("2026-01-15", "2026-01-15"), Optional.of("stack-b"), p -> { }))
                .containsExactly("rec/2026/01/15/stack-b/s3");
        assertThat(lists).extracting(ListObjectsV2Request::prefix).doesNotContain("rec/2026/01/15/");
    }

    @Test
    void openEndedRangesAndTheYearBoundary() throws Exception {
        assertThat(catalog().sessions(days(null, "2026-01-15"), Optional.empty(), p -> { })).containsExactly(
                "rec/2026/01/15/stack-a/s2", "rec/2026/01/15/stack-b/s3", "rec/2025/12/31/stack-a/s1");
        assertThat(catalog().sessions(days("2026-02-01", null), Optional.empty(), p -> { })).containsExactly(
                "rec/2026/11/22/no-stack/s5", "rec/2026/02/01/stack-a/s4");
    }

    @Test
    void findsASessionById() throws Exception {
        assertThat(catalog().find("s3", Catalog.Days.ALL, p -> { })).contains("rec/2026/01/15/stack-b/s3");
        assertThat(catalog().find("not-ours", Catalog.Days.ALL, p -> { })).isEmpty();
        assertThat(new Catalog(client, "bucket", "").find("not-ours", Catalog.Days.ALL, p -> { })).isEmpty();
    }
}
