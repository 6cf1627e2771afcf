package com.promptforge.batch.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A loopback port free at the time of asking, for a server a test starts (or tells the application to open). */
public final class FreePort {

    private FreePort() {
    }

    public static int any() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
