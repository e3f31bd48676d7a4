package org.printscout.control.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The client side of {@link ControlChannel}, run by {@code bin/printscout exec} as a plain Java
 * program (it uses nothing but the JDK):
 *
 * <pre>java -cp org.printscout.control.jar org.printscout.control.internal.ExecClient CONTROL_FILE COMMAND</pre>
 *
 * A COMMAND of {@code -} is read from standard input (its lines joined), so a secret it carries
 * (an SNMPv3 passphrase, a password) never appears on a command line, which any local user can read
 * in {@code ps}.
 *
 * Prints the command's output on stdout, its error on stderr, and exits with its status (3 when the
 * agent is not running, 77 when the secret is refused).
 */
public final class ExecClient {

    private ExecClient() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ExecClient CONTROL_FILE COMMAND...");
            System.exit(2);
        }
        Properties control = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            control.load(in);
        } catch (NoSuchFileException e) {
            System.err.println("printscout: the agent is not running (no " + args[0] + ")");
            System.exit(3);
        } catch (AccessDeniedException e) {
            System.err.println("printscout: cannot read " + args[0] + ": run as the agent's user");
            System.exit(77);
        }
        String command = args.length == 2 && args[1].equals("-")
                ? new String(System.in.readNBytes(64 * 1024), StandardCharsets.UTF_8).replaceAll("\\R", " ").strip()
                : String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length));
        int port = Integer.parseInt(control.getProperty("port"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write((control.getProperty("secret") + "\n" + command.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            boolean inTrailer = false;
            int n;
            while ((n = in.read(buf)) != -1) {
                int start = 0;
                if (!inTrailer) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == 0) {
                            System.out.write(buf, 0, i);
                            inTrailer = true;
                            start = i + 1;
                            break;
                        }
                    }
                    if (!inTrailer) {
                        System.out.write(buf, 0, n);
                        System.out.flush();
                        continue;
                    }
                }
                tail.write(buf, start, n - start);
            }
            System.out.flush();
            if (!inTrailer) {
                System.err.println("printscout: the agent closed the connection before the command finished");
                System.exit(1);
            }
            String trailer = tail.toString(StandardCharsets.UTF_8);
            int space = trailer.indexOf(' ');
            int status = Integer.parseInt(space < 0 ? trailer.strip() : trailer.substring(0, space));
            String message = space < 0 ? "" : trailer.substring(space + 1);
            if (!message.isEmpty()) {
                System.err.println("printscout: " + message);
            }
            System.exit(status);
        } catch (ConnectException e) {
            System.err.println("printscout: the agent is not running (nothing listens on port " + port + ")");
            System.exit(3);
        }
    }
}
