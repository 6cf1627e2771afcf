package com.promptforge.batch.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The name of the machine this process runs on, as files and locks carry it: every container and pod has its own,
 * while machine and boot ids can be shared by containers on one host. Read from the kernel (its UTS name) where it
 * can be, so that a name that does not resolve still counts.
 */
public final class HostName {

    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    private HostName() {
    }

    /** This machine's name in lowercase, with only letters, digits, dots and hyphens; never empty. */
    public static String current() {
        String name = kernelHostName();
        if (name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                name = ""; // no name at all: the fixed one below
            }
        }
        String safe = name.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        return safe.isEmpty() ? "unknown-host" : safe;
    }

    private static String kernelHostName() {
        try {
            return Files.isReadable(KERNEL_HOST_NAME) ? Files.readString(KERNEL_HOST_NAME).strip() : "";
        } catch (IOException e) {
            return ""; // not Linux, or /proc not mounted: InetAddress is asked instead
        }
    }
}
