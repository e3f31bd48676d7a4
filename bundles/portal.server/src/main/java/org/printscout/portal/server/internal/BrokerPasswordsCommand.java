package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code portal:broker-passwords FILE}: writes a mosquitto password file for the portal and every
 * agent (their passwords are derived, so nothing is stored to write it from), for the broker to
 * load (mosquitto re-reads it on SIGHUP; docs/remote-ui.md). Written to a temporary file and
 * renamed, so the broker never reads half a file; a file that exists keeps its group and mode.
 */
@Component(service = Function.class, property = {"osgi.command.scope=portal", "osgi.command.function=broker-passwords"})
public final class BrokerPasswordsCommand implements Function {

    private final RemoteUiService remoteUi;

    @Activate
    public BrokerPasswordsCommand(@Reference RemoteUiService remoteUi) {
        this.remoteUi = remoteUi;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() != 1) {
            return "usage: portal:broker-passwords FILE (a mosquitto password_file)\n";
        }
        if (!remoteUi.on()) {
            return "the remote web UI is off: set brokerUri in " + RemoteUiService.PID + "\n";
        }
        Path file = Path.of(String.valueOf(arguments.get(0))).toAbsolutePath();
        List<String> agents = remoteUi.store().agentIds();
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, remoteUi.mosquittoPasswords(agents), StandardCharsets.UTF_8);
        if (Files.exists(file)) {
            // the broker reads the file as its own user: keep the group and mode the dealer gave it
            Files.setAttribute(temp, "posix:group", Files.getAttribute(file, "posix:group"));
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        } else {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r-----"));
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return "wrote " + (agents.size() + 1) + " broker users to " + file + "\n";
    }
}
