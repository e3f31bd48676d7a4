package org.printscout.api.discovery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.printscout.api.snmp.CredentialProfile;

/**
 * Discovery scans: sweep address ranges, probe each address with SNMP trying a credential profile's
 * entries in order, recognise printers, read each printer fully and record it in the inventory.
 * Scans run asynchronously; addresses are streamed, so the size of a range costs time, not memory.
 */
@ProviderType
public interface Discovery {

    /** Scans every configured site, one after the other. */
    CompletionStage<DiscoveryResult> scanSites(ScanListener listener);

    /**
     * Scans the given entries. Bad entries are left out and named in {@link DiscoveryResult#problems()};
     * the stage fails only when no entry is valid. Cancelling the stage's future
     * ({@code toCompletableFuture().cancel(true)}) cancels this scan as {@link #cancel()} would.
     */
    CompletionStage<DiscoveryResult> scan(ScanRequest request, ScanListener listener);

    /**
     * The credentials to try for a profile, in order; a profile named "default" that is not
     * configured stands for v2c 'public' (as {@code scout:read} does). Empty for an unknown profile.
     */
    List<CredentialProfile.Entry> credentials(String profile);

    /** The scan requests of the configured sites. */
    List<ScanRequest> sites();

    /** The scan running now, if any. */
    Optional<ScanProgress> current();

    /**
     * Cancels every running scan, and the sites a {@link #scanSites} has not started yet: no new
     * address is probed, those in flight finish, and each scan's result says it was cancelled (and
     * marks no device offline). Returns the progress of the scans it cancelled.
     *
     * @since 1.1
     */
    List<ScanProgress> cancel();
}
