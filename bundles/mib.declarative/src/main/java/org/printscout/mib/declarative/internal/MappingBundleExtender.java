package org.printscout.mib.declarative.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.namespace.extender.ExtenderNamespace;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * The extender: every started bundle with a {@value MappingHeader#NAME} header gets its mapping
 * files registered as mappers, until it stops (an update or uninstall stops it first, so its mappers
 * go and, on restart, come back as the new content says).
 *
 * <p>A mapping bundle declares {@code Require-Capability: osgi.extender;filter:="(osgi.extender=printscout.mapping)"},
 * so it does not resolve where no extender of this format runs; this bundle provides that capability.
 */
@Component(immediate = true)
@Capability(namespace = ExtenderNamespace.EXTENDER_NAMESPACE, name = MappingBundleExtender.EXTENDER_NAME,
        version = MappingBundleExtender.EXTENDER_VERSION)
public final class MappingBundleExtender {

    static final String EXTENDER_NAME = "printscout.mapping";
    static final String EXTENDER_VERSION = "1.0.0";

    private final MappingRegistry registry;
    private final Logger log;
    private final BundleTracker<List<String>> tracker;

    @Activate
    public MappingBundleExtender(BundleContext context, @Reference MappingRegistry registry,
                                 @Reference(service = LoggerFactory.class) Logger log) {
        this.registry = registry;
        this.log = log;
        this.tracker = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<List<String>>() {
            @Override
            public List<String> addingBundle(Bundle bundle, BundleEvent event) {
                return extend(bundle);
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, List<String> sources) {
                // only ACTIVE is tracked: a change of content always passes through a stop
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, List<String> sources) {
                sources.forEach(registry::uninstall);
            }
        });
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }

    /** Registers the bundle's mappings; null (not tracked) for a bundle without the header. */
    private List<String> extend(Bundle bundle) {
        String header = bundle.getHeaders("").get(MappingHeader.NAME);
        if (header == null) {
            return null;
        }
        String owner = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " [" + bundle.getBundleId() + "]";
        List<String> sources = new ArrayList<>();
        for (MappingHeader.Entries entries : MappingHeader.parse(header)) {
            Enumeration<URL> found = bundle.findEntries(entries.directory(), entries.filePattern(), false);
            List<URL> urls = found == null ? List.of() : Collections.list(found);
            if (urls.isEmpty()) {
                log.warn("{}: {} '{}' matches no entry", owner, MappingHeader.NAME, entries);
                continue;
            }
            urls.sort(Comparator.comparing(URL::getPath));
            for (URL url : urls) {
                String source = owner + " " + url.getPath();
                try (InputStream in = url.openStream()) {
                    registry.install(source, in.readNBytes(MappingReader.MAX_BYTES + 1));
                } catch (IOException e) {
                    registry.failed(source, "cannot read the entry: " + e.getMessage());
                }
                sources.add(source);
            }
        }
        return sources;
    }
}
