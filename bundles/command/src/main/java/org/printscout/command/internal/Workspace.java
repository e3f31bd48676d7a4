package org.printscout.command.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.printscout.api.command.Command;

/** The scratch directories of commands: {@code work/<id>/}, deleted when the command's result is packed. */
final class Workspace {

    private final Path root;

    Workspace(Path root) {
        this.root = root;
    }

    Path directory(Command command) throws IOException {
        return Files.createDirectories(root.resolve(safeName(command.id())));
    }

    void delete(Command command) throws IOException {
        deleteTree(root.resolve(safeName(command.id())));
    }

    /** Removes what a command running when the agent stopped left behind. */
    void clear() throws IOException {
        deleteTree(root);
        Files.createDirectories(root);
    }

    /** A command id as a file name: only letters, digits, '-' and '_' (ids come from the portal). */
    static String safeName(String id) {
        String name = id.replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "_" : name.length() > 64 ? name.substring(0, 64) : name;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
