package org.printscout.mib.support;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model names as the standard mapper writes them: without the vendor word in front (the manufacturer
 * field carries it) and without a trailing "series".
 */
public final class ModelNames {

    private static final Pattern TRAILING_SERIES = Pattern.compile("\\s+series$", Pattern.CASE_INSENSITIVE);

    private ModelNames() {
    }

    /** {@code text} without the first of {@code vendorWords} it starts with, and without " series". */
    public static Optional<String> withoutVendor(String text, String... vendorWords) {
        String model = text.strip();
        String lower = model.toLowerCase(Locale.ROOT);
        for (String word : vendorWords) {
            String w = word.toLowerCase(Locale.ROOT);
            if (lower.startsWith(w) && (lower.length() == w.length() || !Character.isLetterOrDigit(lower.charAt(w.length())))) {
                model = model.substring(word.length()).replaceFirst("^[\\s_:-]+", "");
                break;
            }
        }
        model = TRAILING_SERIES.matcher(model.replaceAll("\\s+", " ").strip()).replaceFirst("");
        return model.isEmpty() ? Optional.empty() : Optional.of(model);
    }
}
