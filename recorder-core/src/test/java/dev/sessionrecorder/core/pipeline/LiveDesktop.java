package dev.sessionrecorder.core.pipeline;

import dev.sessionrecorder.devkit.EmbeddedS3;
import dev.sessionrecorder.devkit.XvncDisplay;
import java.nio.file.Path;

/** The real parts the end-to-end tests share: an Xvnc desktop with a moving workload, and an S3Proxy bucket. */
public final class LiveDesktop implements AutoCloseable {
    public final XvncDisplay display;
    public final EmbeddedS3 s3;

    private LiveDesktop(XvncDisplay display, EmbeddedS3 s3) {
        this.display = display;
        this.s3 = s3;
    }

    /** @param rootColour X colour of the root window (visible where the workload window is not), e.g. "#ff0000" */
    public static LiveDesktop start(Path dir, int width, int height, String rootColour, String bucket) throws Exception {
        XvncDisplay display = XvncDisplay.start(width, height, dir.resolve("xvnc.log"));
        try {
            display.run("xsetroot", "-solid", rootColour);
            display.startWorkload();
            return new LiveDesktop(display, EmbeddedS3.start(dir.resolve("s3"), bucket));
        } catch (Exception e) {
            display.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            s3.close();
        } finally {
            display.close();
        }
    }
}
