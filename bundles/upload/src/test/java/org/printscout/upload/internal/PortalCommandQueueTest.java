package org.printscout.upload.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandRejectedException;
import org.printscout.api.command.CommandResult;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class PortalCommandQueueTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private TestPortal portal;
    private PortalClient client;
    private PortalCommandQueue queue;

    @BeforeEach
    void start() throws Exception {
        portal = TestPortal.http();
        client = new PortalClient(new PortalClient.Settings(URI.create(portal.url("http")), TlsTrust.context(null, Set.of()), null, 5, 5));
        PortalClient.Identity identity = client.activate(TestPortal.GOOD_KEY, "host-a");
        queue = new PortalCommandQueue(client, identity,
                AgentLoop.Log.of(m -> log.add("INFO " + m), m -> log.add("WARN " + m), m -> log.add("ERROR " + m)));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        portal.close();
    }

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void fetchesCommandsWithNumericCodesAsTheyAreQueuedAndSendsBasicAuth() throws Exception {
        portal.queuedCommands = "[{\"id\":123,\"code\":\"2\",\"arguments\":\"\",\"created\":\"2026-03-10T09:00:00Z\"},"
                + "{\"id\":124,\"code\":\"6\",\"arguments\":\"10.0.0.5 1.3.6.1.2.1.43\",\"created\":\"2026-03-10T09:00:01Z\"},"
                + "{\"id\":125,\"code\":\"5\",\"created\":\"2026-03-10T09:00:02Z\"}]";
        List<Command> commands = queue.fetch();
        assertEquals(List.of(new Command("123", 2, ""), new Command("124", 6, "10.0.0.5 1.3.6.1.2.1.43"), new Command("125", 5, "")),
                commands);
        assertTrue(portal.requestLines.contains("GET /portal/api/v1/agents/agent-1/commands"), portal.requestLines.toString());
        assertEquals(List.of(), queue.fetch(), "each command is handed out once");
    }

    @Test
    void aNonNumericCodeIsAnsweredUnsupportedByTheQueueAndNotHandedOn() throws Exception {
        portal.openCommands.add("7");
        portal.queuedCommands = "[{\"id\":7,\"code\":\"reboot\",\"arguments\":\"\"},{\"id\":8,\"code\":\"3\",\"arguments\":\"\"}]";
        assertEquals(List.of(new Command("8", 3, "")), queue.fetch());
        JsonObject answer = json(portal.commandResults.get("7"));
        assertEquals("unsupported", answer.get("outcome").getAsString());
        assertTrue(answer.get("result").getAsString().contains("'reboot' is not a number"), answer.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN command 7")), log.toString());
    }

    @Test
    void anUnsupportedAnswerThatCannotBeDeliveredIsDeliveredAtTheNextFetch() throws Exception {
        portal.openCommands.add("7");
        portal.failResults.set(1);
        portal.queuedCommands = "[{\"id\":7,\"code\":\"x\"}]";
        assertEquals(List.of(), queue.fetch());
        assertTrue(portal.commandResults.isEmpty());
        queue.fetch();
        assertEquals("unsupported", json(portal.commandResults.get("7")).get("outcome").getAsString());
    }

    @Test
    void oneUnreadableEntryDoesNotCostTheOthers() throws Exception {
        portal.queuedCommands = "[{\"code\":\"1\"},{\"id\":\"../../reports\",\"code\":\"1\"},{\"id\":9,\"code\":\"1\"}]";
        assertEquals(List.of(new Command("9", 1, "")), queue.fetch());
        assertEquals(2, log.stream().filter(l -> l.startsWith("ERROR the portal sent a command this agent cannot read")).count(), log.toString());
    }

    @Test
    void uploadsTheZipThenPostsTheOutcomeAndResult() throws Exception {
        portal.openCommands.add("42");
        Command command = new Command("42", 3, "");
        Path zip = dir.resolve("42.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        queue.uploadFile(command, zip);
        queue.complete(command, CommandResult.done("3 log files"));

        assertArrayEquals(Files.readAllBytes(zip), portal.commandFiles.get("42"));
        assertEquals("application/zip", portal.commandFileTypes.get("42"));
        JsonObject answer = json(portal.commandResults.get("42"));
        assertEquals("done", answer.get("outcome").getAsString());
        assertEquals("3 log files", answer.get("result").getAsString());
        int put = portal.requestLines.indexOf("PUT /portal/api/v1/agents/agent-1/commands/42/file");
        int post = portal.requestLines.indexOf("POST /portal/api/v1/agents/agent-1/commands/42");
        assertTrue(put >= 0 && post > put, "file first, then the result: " + portal.requestLines);
    }

    @Test
    void aLongResultIsCutToTheLimitAndOutcomesAreLowerCase() throws Exception {
        portal.openCommands.add("43");
        queue.complete(new Command("43", 99, ""), new CommandResult(CommandResult.Outcome.UNSUPPORTED, "x".repeat(10_000), List.of()));
        JsonObject answer = json(portal.commandResults.get("43"));
        assertEquals("unsupported", answer.get("outcome").getAsString());
        assertEquals(4000, answer.get("result").getAsString().length());
    }

    @Test
    void aFinishedOrForeignCommandIsARejectionForGoodAndAPortalFailureIsNot() throws Exception {
        Path zip = dir.resolve("x.zip");
        Files.write(zip, new byte[] {1});
        CommandRejectedException file = assertThrows(CommandRejectedException.class, () -> queue.uploadFile(new Command("77", 3, ""), zip));
        assertEquals(404, file.status());
        CommandRejectedException result = assertThrows(CommandRejectedException.class,
                () -> queue.complete(new Command("77", 3, ""), CommandResult.done("")));
        assertEquals(404, result.status());

        portal.openCommands.add("78");
        portal.failResults.set(1);
        IOException busy = assertThrows(IOException.class, () -> queue.complete(new Command("78", 3, ""), CommandResult.done("")));
        assertTrue(!(busy instanceof CommandRejectedException), "a 503 may succeed later");
        assertTrue(busy.getMessage().contains("503"), busy.getMessage());
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeSending() throws Exception {
        Path zip = dir.resolve("big.zip");
        try (var out = Files.newOutputStream(zip)) {
            out.write(new byte[(int) PortalCommandQueue.MAX_FILE_BYTES + 1]);
        }
        CommandRejectedException e = assertThrows(CommandRejectedException.class, () -> queue.uploadFile(new Command("5", 3, ""), zip));
        assertEquals(413, e.status());
        assertTrue(portal.requestLines.stream().noneMatch(l -> l.contains("/file")), portal.requestLines.toString());
    }

    @Test
    void anUnreachablePortalIsAnIOExceptionSayingWhere() throws Exception {
        portal.close();
        IOException e = assertThrows(IOException.class, () -> queue.fetch());
        assertTrue(e.getMessage().contains("/commands"), e.getMessage());
    }
}
