package org.printscout.rollout.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Portal-managed mapping files in the folder the declarative mapper watches ({@code deploy/}), each
 * written whole under the temp-and-rename rule so the watcher never reads half a file.
 */
final class MappingFiles {

    private final Path deploy;
    private final Store store;

    MappingFiles(Path deploy, Store store) {
        this.deploy = deploy;
        this.store = store;
    }

    /**
     * Makes the folder hold exactly {@code target}'s mapping files among {@code managed} (the names the
     * portal manages now or managed before): the others are deleted, a file whose bytes differ is written.
     */
    void apply(Collection<Installed> target, Collection<Installed> managed) throws IOException {
        Set<String> wanted = target.stream().filter(e -> !e.bundle()).map(Installed::mappingFile).collect(Collectors.toSet());
        for (Installed old : managed) {
            if (!old.bundle() && !wanted.contains(old.mappingFile())) {
                AtomicFiles.delete(deploy.resolve(old.mappingFile()));
            }
        }
        for (Installed entry : target) {
            if (entry.bundle()) {
                continue;
            }
            Path file = deploy.resolve(entry.mappingFile());
            if (Files.isRegularFile(file) && Verifier.sha256(file).equals(entry.sha256())) {
                continue;
            }
            try (InputStream in = Files.newInputStream(store.file(entry.sha256()))) {
                AtomicFiles.write(file, in);
            }
        }
    }

    /** A file of that name the portal did not put there (a dealer's or administrator's own). */
    boolean foreign(String fileName, Collection<Installed> managed) {
        return Files.exists(deploy.resolve(fileName)) && managed.stream().noneMatch(e -> !e.bundle() && e.mappingFile().equals(fileName));
    }
}
