package org.printscout.control.internal;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs one Gogo command per connection for {@code bin/printscout exec}. It listens on the loopback
 * interface only and requires a random secret that it writes, with the port, to a file only the
 * agent's user can read, so another local user cannot drive the agent.
 *
 * <p>A client must send the secret within {@link #HANDSHAKE_MILLIS}, however slowly it trickles
 * bytes: connections that do not are closed, so idle local connections cannot hold the channel.
 * Handshakes and commands run on separate bounded pools (several commands at once). Wrong secrets
 * are answered after a delay that grows with the recent failures, and summarised in the log (the
 * first at once, then a count a minute) rather than one line each.
 *
 * <p>Protocol ({@link ExecClient} is the client): the client sends the secret and the command, one
 * line each; the server streams the command's output, then a NUL byte, the exit status in decimal, a
 * space and the error message (empty on success), and closes.
 *
 * <p>The PID keeps its name from when the channel lived in the shell bundle: agents' etc/ files name it.
 */
@Component(configurationPid = "org.printscout.shell.control", immediate = true)
@Designate(ocd = ControlConfig.class)
public final class ControlChannel {

    private static final int MAX_LINE = 64 * 1024;
    /** The whole handshake (secret and command line) must arrive within this. */
    static final int HANDSHAKE_MILLIS = 2_000;
    static final int MAX_HANDSHAKES = 64;
    static final int MAX_COMMANDS = 8;

    private final CommandProcessor processor;
    private final Logger log;
    private final ServerSocket server;
    private final byte[] secret;
    private final Path controlFile;
    private final ExecutorService handshakes;
    private final ExecutorService workers;
    private final java.util.concurrent.ScheduledExecutorService deadlines;
    private final WrongSecrets wrongSecrets;
    private final Thread acceptor;

    @Activate
    public ControlChannel(@Reference CommandProcessor processor,
                          @Reference(service = LoggerFactory.class) Logger log,
                          BundleContext context, ControlConfig config) throws IOException {
        this.processor = processor;
        this.log = log;
        String home = context.getProperty("printscout.home");
        Path file = Path.of(config.controlFile());
        this.controlFile = file.isAbsolute() ? file : Path.of(home == null ? "." : home).resolve(file);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.secret = HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 16);
        writeControlFile();
        this.handshakes = new ThreadPoolExecutor(0, MAX_HANDSHAKES, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                r -> daemon(r, "printscout-exec-handshake"), new ThreadPoolExecutor.AbortPolicy());
        this.workers = new ThreadPoolExecutor(0, MAX_COMMANDS, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                r -> daemon(r, "printscout-exec"), new ThreadPoolExecutor.AbortPolicy());
        this.deadlines = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "printscout-exec-deadline"));
        this.wrongSecrets = new WrongSecrets(java.time.Clock.systemUTC(), message -> log.warn(message));
        this.acceptor = new Thread(this::acceptLoop, "printscout-control");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("control channel on {}:{} ({})", server.getInetAddress().getHostAddress(), server.getLocalPort(), controlFile);
    }

    private void writeControlFile() throws IOException {
        Files.createDirectories(controlFile.getParent());
        Path tmp = controlFile.resolveSibling(controlFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, "port=" + server.getLocalPort() + "\nsecret=" + new String(secret, StandardCharsets.US_ASCII) + "\n");
        Files.move(tmp, controlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                try {
                    handshakes.execute(() -> handshake(socket));
                } catch (java.util.concurrent.RejectedExecutionException busy) {
                    refuse(socket, "agent busy: too many connections waiting to authenticate");
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                log.warn("control channel: {}", e.getMessage());
            }
        }
    }

    private static void refuse(Socket socket, String why) {
        try (socket) {
            socket.getOutputStream().write(trailer(1, why));
        } catch (IOException e) {
            // the client left already
        }
    }

    /** Reads secret and command within the deadline, then hands the command to a worker. */
    private void handshake(Socket socket) {
        java.util.concurrent.ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket), HANDSHAKE_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            socket.setSoTimeout(HANDSHAKE_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 4096);
            String offered = readLine(in);
            OutputStream out = socket.getOutputStream();
            if (offered == null || !MessageDigest.isEqual(offered.getBytes(StandardCharsets.US_ASCII), secret)) {
                deadline.cancel(false);
                Thread.sleep(wrongSecrets.failed().toMillis());
                out.write(trailer(77, "wrong secret"));
                closeQuietly(socket);
                return;
            }
            String command = readLine(in);
            if (!deadline.cancel(false)) {
                return;
            }
            if (command == null || command.isBlank()) {
                out.write(trailer(2, "no command given"));
                closeQuietly(socket);
                return;
            }
            socket.setSoTimeout(0);
            try {
                workers.execute(() -> serve(socket, in, command));
            } catch (java.util.concurrent.RejectedExecutionException busy) {
                refuse(socket, "agent busy: " + MAX_COMMANDS + " exec commands are running");
            }
        } catch (IOException e) {
            deadline.cancel(false);
            closeQuietly(socket);
            log.debug("control channel: a client went away or was too slow: {}", e.getMessage());
        } catch (InterruptedException e) {
            closeQuietly(socket);
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    /**
     * Runs the command. The client sends nothing after the command line, so end of input means it
     * went away (Ctrl-C on bin/printscout exec): the command's thread is interrupted, which stops a
     * waiting command such as an ad-hoc scout:scan (it cancels its scan).
     */
    private void serve(Socket socket, BufferedReader in, String command) {
        Thread runner = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = daemon(() -> {
            try {
                while (in.read() != -1) {
                    // nothing more is expected from the client; whatever it sends is ignored
                }
            } catch (IOException e) {
                // closed: the same as end of input
            }
            if (!finished.get()) {
                runner.interrupt();
            }
        }, "printscout-exec-watch");
        try (socket) {
            watcher.start();
            OutputStream out = socket.getOutputStream();
            out.write(run(command, out));
            out.flush();
        } catch (IOException e) {
            log.debug("control channel client went away: {}", e.getMessage());
        } finally {
            finished.set(true);
            Thread.interrupted();
        }
    }

    private byte[] run(String command, OutputStream socketOut) {
        PrintStream out = new PrintStream(new NulFreeStream(socketOut), true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                out.print(text);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    out.println();
                }
            }
            out.flush();
            return trailer(0, "");
        } catch (Exception e) {
            out.flush();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return trailer(1, message);
        } finally {
            session.close();
        }
    }

    private static byte[] trailer(int status, String message) {
        return ("\0" + status + " " + message.replace('\0', ' ')).getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (sb.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            sb.append((char) c);
        }
        return c == -1 && sb.length() == 0 ? null : sb.toString().replace("\r", "");
    }

    @Deactivate
    void deactivate() throws IOException {
        server.close();
        handshakes.shutdownNow();
        deadlines.shutdownNow();
        workers.shutdownNow();
        Files.deleteIfExists(controlFile);
    }

    /** Keeps command output from forging the trailer. */
    private static final class NulFreeStream extends OutputStream {
        private final OutputStream target;

        NulFreeStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b == 0 ? ' ' : b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == 0) {
                    copy[i] = ' ';
                }
            }
            target.write(copy);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
