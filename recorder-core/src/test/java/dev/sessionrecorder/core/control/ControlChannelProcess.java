package dev.sessionrecorder.core.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in recorder for cross-process tests: opens the control channel at {@code args[0]} with
 * whatever transport its JVM's -Dsessionrecorder.control picks, answers status with its pid and
 * transport, and exits 0 after answering stop.
 */
public final class ControlChannelProcess {
    private ControlChannelProcess() {}

    public static void main(String[] args) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        // Set once start returns; a status before then says null and the test asks again.
        AtomicReference<ControlServer.Transport> transport = new AtomicReference<>();
        try (ControlServer server = ControlServer.start(Path.of(args[0]), cmd -> {
            if (cmd.equals("stop")) {
                stop.countDown();
                return "{\"state\":\"stopped\"}";
            }
            return "{\"pid\":" + ProcessHandle.current().pid() + ",\"transport\":\"" + transport.get() + "\"}";
        })) {
            transport.set(server.transport());
            stop.await();
            server.close(Duration.ofSeconds(5));
        }
    }
}
