package dev.sessionrecorder.core.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Reads one newline-terminated line from a channel, bounded so a bad client cannot exhaust memory. */
final class Lines {
    private Lines() {}

    static String readLine(SocketChannel ch, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (out.size() < max) {
            one.clear();
            if (ch.read(one) < 0) {
                break;
            }
            byte b = one.get(0);
            if (b == '\n') {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.UTF_8);
    }
}
