package org.printscout.portal.server.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Sends the due alert deliveries: at once to immediate recipients, one message per alert event; to
 * digest recipients one message holding all their deliveries that came due (their time is the next
 * digest). Each delivery is claimed before it is sent (so a second portal node does not send it too),
 * and every attempt is written to the delivery log. A failure is retried after {@code backOff} ×
 * 2^(attempts), at most an hour apart, and given up after {@code maxAttempts}.
 */
final class Notifier {

    /** Sends a mail; null when no SMTP server is configured. */
    interface Mail {
        void send(List<String> to, String subject, String body) throws Exception;
    }

    private final AlertStore alerts;
    private final Mail mail;
    private final WebhookSender webhooks;
    private final Clock clock;
    private final Duration backOff;
    private final int maxAttempts;

    Notifier(AlertStore alerts, Mail mail, WebhookSender webhooks, Clock clock, Duration backOff, int maxAttempts) {
        this.alerts = alerts;
        this.mail = mail;
        this.webhooks = webhooks;
        this.clock = clock;
        this.backOff = backOff;
        this.maxAttempts = maxAttempts;
    }

    /** One round: returns how many messages were sent. */
    int run() throws SQLException {
        Map<Long, List<AlertStore.Delivery>> byRecipient = new LinkedHashMap<>();
        for (AlertStore.Delivery delivery : alerts.due(500)) {
            // a lease longer than one send can take; a node that dies mid-send leaves the delivery to be retried after it
            if (alerts.claim(delivery, clock.instant().plus(Duration.ofMinutes(5)))) {
                byRecipient.computeIfAbsent(delivery.recipient().id(), id -> new ArrayList<>()).add(delivery);
            }
        }
        int sent = 0;
        for (List<AlertStore.Delivery> deliveries : byRecipient.values()) {
            AlertStore.Recipient recipient = deliveries.get(0).recipient();
            List<List<AlertStore.Delivery>> messages = new ArrayList<>();
            if (recipient.digest()) {
                messages.add(deliveries);
            } else {
                deliveries.forEach(d -> messages.add(List.of(d)));
            }
            for (List<AlertStore.Delivery> message : messages) {
                String[] sentAs = new String[1];
                Optional<String> failure = send(recipient, message, sentAs);
                for (AlertStore.Delivery delivery : message) {
                    if (failure.isEmpty()) {
                        alerts.attempted(delivery.id(), true, null, "sent" + (message.size() > 1 ? " in a digest of " + message.size() : "")
                                + ": " + sentAs[0]);
                    } else {
                        int attempts = delivery.attempts() + 1;
                        Instant retry = attempts >= maxAttempts ? null : clock.instant().plus(delay(attempts));
                        alerts.attempted(delivery.id(), false, retry, failure.get() + (retry == null ? "; gave up after " + attempts + " attempts"
                                : "; next attempt " + retry));
                    }
                }
                sent += failure.isEmpty() ? 1 : 0;
            }
        }
        return sent;
    }

    /** The wait before attempt n + 1: backOff × 2^(n-1), at most an hour. */
    Duration delay(int attempts) {
        Duration delay = backOff.multipliedBy(1L << Math.min(20, attempts - 1));
        return delay.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : delay;
    }

    /** Sends one message; empty when it was accepted ({@code sentAs[0]} says how), else why not. */
    private Optional<String> send(AlertStore.Recipient recipient, List<AlertStore.Delivery> message, String[] sentAs) {
        try {
            if (recipient.channel() == AlertStore.Channel.EMAIL) {
                if (mail == null) {
                    return Optional.of("no SMTP server configured (org.printscout.portal.alerts: smtpHost)");
                }
                mail.send(List.of(recipient.target()), subject(message), text(message));
                sentAs[0] = "accepted by the SMTP server";
            } else {
                sentAs[0] = webhooks.send(recipient.target(), recipient.secret(), json(message).toString(), clock.instant().getEpochSecond());
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (Exception e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String subject(List<AlertStore.Delivery> message) {
        if (message.size() > 1) {
            return "PrintScout: daily digest, " + message.size() + " alert events";
        }
        AlertStore.Delivery d = message.get(0);
        return "PrintScout alert " + (d.event().equals("opened") ? "opened" : "closed") + ": " + d.alert().summary();
    }

    static String text(List<AlertStore.Delivery> message) {
        StringBuilder out = new StringBuilder();
        for (AlertStore.Delivery d : message) {
            AlertStore.Alert a = d.alert();
            out.append(d.event().equals("opened") ? "Opened " + a.opened() : "Closed " + a.closed()).append(" (alert #").append(a.id())
                    .append(", customer ").append(a.customerName()).append(")\n").append(a.summary()).append("\n\n");
        }
        return out.toString();
    }

    static JsonObject json(List<AlertStore.Delivery> message) {
        JsonArray events = new JsonArray();
        for (AlertStore.Delivery d : message) {
            AlertStore.Alert a = d.alert();
            JsonObject event = new JsonObject();
            event.addProperty("event", d.event());
            event.addProperty("alertId", a.id());
            event.addProperty("ruleId", a.ruleId());
            event.addProperty("subject", a.subject());
            event.addProperty("summary", a.summary());
            event.addProperty("customerId", a.customerId());
            event.addProperty("customer", a.customerName());
            if (a.deviceId() != null) {
                event.addProperty("deviceId", a.deviceId());
            }
            event.addProperty("opened", a.opened().toString());
            if (a.closed() != null) {
                event.addProperty("closed", a.closed().toString());
            }
            events.add(event);
        }
        JsonObject out = new JsonObject();
        out.addProperty("digest", message.size() > 1);
        out.add("events", events);
        return out;
    }
}
