package org.printscout.shell.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code scout:features}: the features the distribution was assembled from (etc/features.json,
 * written by the build) and whether each one's bundles are installed and active.
 */
@Component(service = FeaturesCommand.class, property = {"osgi.command.scope=scout", "osgi.command.function=features"})
public final class FeaturesCommand {

    private final BundleContext context;

    @Activate
    public FeaturesCommand(BundleContext context) {
        this.context = context;
    }

    @Descriptor("list the installed features and the state of their bundles")
    public String features() throws IOException {
        String home = context.getProperty("printscout.home");
        Path file = Path.of(home == null ? "." : home, "etc", "features.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no feature record at " + file + " (this agent was not assembled from features)");
        }
        JsonObject record;
        try (Reader in = Files.newBufferedReader(file)) {
            record = JsonParser.parseReader(in).getAsJsonObject();
        }
        Table table = new Table("Feature", "Title", "Bundles", "State");
        for (JsonElement f : record.getAsJsonArray("features")) {
            JsonObject feature = f.getAsJsonObject();
            int total = 0;
            List<String> notActive = new ArrayList<>();
            for (JsonElement b : feature.getAsJsonArray("bundles")) {
                total++;
                String fileName = Path.of(b.getAsJsonObject().get("file").getAsString()).getFileName().toString();
                Bundle bundle = byFileName(fileName);
                if (bundle == null) {
                    notActive.add(b.getAsJsonObject().get("id").getAsString() + " not installed");
                } else if (bundle.getState() != Bundle.ACTIVE && bundle.getHeaders("").get("Fragment-Host") == null) {
                    notActive.add(bundle.getSymbolicName() + " " + StatusCommand.state(bundle));
                }
            }
            table.row(feature.get("name").getAsString(), feature.get("title").getAsString(), total,
                    notActive.isEmpty() ? "active" : "incomplete: " + String.join(", ", notActive));
        }
        return table.toString();
    }

    private Bundle byFileName(String fileName) {
        for (Bundle b : context.getBundles()) {
            String location = b.getLocation();
            if (location.endsWith("/" + fileName)) {
                return b;
            }
        }
        return null;
    }
}
