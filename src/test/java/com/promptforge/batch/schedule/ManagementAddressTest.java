package com.promptforge.batch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.promptforge.batch.job.BatchProcess;
import com.promptforge.batch.testing.FreePort;
import com.promptforge.batch.testing.PromptForgeDatabase;
import com.promptforge.batch.testing.TestDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actuator has no authentication (health details, quartz), so {@code schedule} serves it on loopback unless
 * PF_MANAGEMENT_ADDRESS opens it: from the machine's own non-loopback address the port is closed.
 */
@PromptForgeDatabase
class ManagementAddressTest {

    @Test
    void actuatorAnswersOnLoopbackAndIsNotBoundOnTheMachinesOtherAddress(TestDatabase db, @TempDir Path tmp)
            throws Exception {
        InetAddress outside = nonLoopbackAddress();
        int port = FreePort.any();
        Map<String, Object> properties = new HashMap<>(db.applicationProperties());
        properties.put("pf.jobs.dir", Files.createDirectory(tmp.resolve("jobs")).toString());
        properties.put("pf.management-port", port);
        try (BatchProcess scheduler = BatchProcess.start(properties, tmp.resolve("schedule.log"), "schedule")) {
            scheduler.awaitOutput("started (clustered)", Duration.ofSeconds(90));

            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(outside, port), 2_000);
                }
            }).as("connecting to " + outside.getHostAddress() + ":" + port).isInstanceOf(ConnectException.class);
            assertThat(scheduler.output()).contains("health and metrics on http://127.0.0.1:" + port + "/actuator");
        }
    }

    /** An address of this machine other than loopback (what `hostname -I` lists first), the way in from outside. */
    private static InetAddress nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(ManagementAddressTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst()
                .orElseThrow(() -> new AssertionError("This machine has no non-loopback IPv4 address to try the "
                        + "management port from"));
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

}
