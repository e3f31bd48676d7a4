package org.printscout.remoteui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import com.jcraft.jsch.Session;

/** One open (or opening) reverse tunnel: the request it serves, its SSH session and its timers. */
final class Tunnel {

    final TunnelRequest request;
    final String printerAddress;
    final Instant opened;
    final Instant deadline;
    final StatusSink sink;
    final List<ScheduledFuture<?>> timers = new ArrayList<>();
    volatile Session session;
    volatile boolean up;
    int printerMisses;

    Tunnel(TunnelRequest request, String printerAddress, Instant opened, Instant deadline, StatusSink sink) {
        this.request = request;
        this.printerAddress = printerAddress;
        this.opened = opened;
        this.deadline = deadline;
        this.sink = sink;
    }
}
