package org.printscout.web.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code web:password NEW} on the box's console: sets the local UI's administrator password (and signs
 * every session out). Use {@code bin/printscout exec -} with the command on standard input, so the
 * password never shows in a process list.
 */
@Component(service = PasswordCommand.class, property = {"osgi.command.scope=web", "osgi.command.function=password"})
public final class PasswordCommand {

    private final LocalAdmin admin;

    @Activate
    public PasswordCommand(@Reference LocalAdmin admin) {
        this.admin = admin;
    }

    @Descriptor("set the local web UI's administrator password (pass it on standard input: echo 'web:password NEW' | bin/printscout exec -)")
    public String password(@Descriptor("the new password, at least 10 characters") String newPassword) throws Exception {
        admin.setPassword(newPassword);
        return "the local web UI's administrator password is set; sessions were signed out";
    }
}
