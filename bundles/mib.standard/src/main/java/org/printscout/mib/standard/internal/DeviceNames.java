package org.printscout.mib.standard.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Manufacturer and model from the two free-text names the standard MIBs give: sysDescr and the
 * printer's hrDeviceDescr. The rules are deliberately few, and vendor mappers (rank 100) override
 * them with what their private MIBs say:
 *
 * <ol>
 *   <li>The manufacturer is the leading vendor word of a text, from a fixed list of aliases
 *       ("KONICA MINOLTA", "Hewlett-Packard", "TA_UTAX"...), normalised to one spelling.</li>
 *   <li>sysDescr names the model when it starts with a vendor word and its first field (up to ";",
 *       ",", " /", " version", " kernel" or " series", without a trailing firmware number such as
 *       "2.20") is not
 *       a network card or print server ("HP ETHERNET MULTI-ENVIRONMENT", "Brother NC-8300h",
 *       "EPSON Built-in", "ZebraNet Wired PS", "... Printing System").</li>
 *   <li>Otherwise an OkiLAN-style "Attached to MODEL" in sysDescr names it, otherwise
 *       hrDeviceDescr does.</li>
 *   <li>The model is that text without the vendor word and without a trailing "series".</li>
 *   <li>The manufacturer comes from the text the model came from, else from the other one.</li>
 * </ol>
 *
 * When neither text names a model, or the model is generic ("Generic 28C-1"), the IEEE 1284 Device
 * ID's MDL names it (without its vendor word), and its MFG the manufacturer where the texts name none.
 *
 * sysDescr is preferred to hrDeviceDescr when it names a model because OEM firmware sometimes leaves
 * a generic hrDeviceDescr ("Generic 28C-1" on a Konica Minolta bizhub C3110), and because sysDescr is
 * the more specific of the two on Samsung ("M4080FX" against "M408x Series").
 */
final class DeviceNames {

    private record Vendor(String alias, String name) {
    }

    /** Leading words, matched case-insensitively; the longest alias that matches wins. */
    private static final List<Vendor> VENDORS = List.of(
            new Vendor("HP", "HP"), new Vendor("Hewlett-Packard", "HP"), new Vendor("Hewlett Packard", "HP"),
            new Vendor("Canon", "Canon"),
            new Vendor("KYOCERA", "Kyocera"), new Vendor("KYOCERA MITA", "Kyocera"),
            new Vendor("RICOH", "Ricoh"), new Vendor("SHARP", "Sharp"), new Vendor("EPSON", "Epson"),
            new Vendor("Brother", "Brother"),
            new Vendor("KONICA MINOLTA", "Konica Minolta"), new Vendor("KONICA", "Konica Minolta"),
            new Vendor("MINOLTA", "Konica Minolta"),
            new Vendor("Xerox", "Xerox"), new Vendor("FUJI XEROX", "Fuji Xerox"), new Vendor("FUJIFILM", "Fujifilm"),
            new Vendor("Lexmark", "Lexmark"), new Vendor("Samsung", "Samsung"), new Vendor("OKI", "OKI"),
            new Vendor("OKI DATA", "OKI"), new Vendor("Dell", "Dell"),
            new Vendor("TOSHIBA", "Toshiba"), new Vendor("TOSHIBA TEC", "Toshiba"),
            new Vendor("Zebra", "Zebra"), new Vendor("ZebraNet", "Zebra"),
            new Vendor("Develop", "Develop"), new Vendor("Gestetner", "Gestetner"), new Vendor("LANIER", "Lanier"),
            new Vendor("SAVIN", "Savin"), new Vendor("NRG", "NRG"), new Vendor("Nashuatec", "Nashuatec"),
            new Vendor("Rex-Rotary", "Rex-Rotary"), new Vendor("Infotec", "Infotec"),
            new Vendor("UTAX", "UTAX"), new Vendor("TA_UTAX", "UTAX"), new Vendor("Triumph-Adler", "Triumph-Adler"),
            new Vendor("Olivetti", "Olivetti"), new Vendor("Panasonic", "Panasonic"), new Vendor("Pantum", "Pantum"),
            new Vendor("Sindoh", "Sindoh"), new Vendor("Muratec", "Muratec"), new Vendor("Oce", "Océ"),
            new Vendor("Océ", "Océ"), new Vendor("RISO", "Riso"), new Vendor("Kodak", "Kodak"),
            new Vendor("Intermec", "Intermec"), new Vendor("Honeywell", "Honeywell"), new Vendor("SATO", "SATO"),
            new Vendor("Citizen", "Citizen"), new Vendor("Datamax", "Datamax"), new Vendor("Printronix", "Printronix"),
            new Vendor("TSC", "TSC"));
    private static final List<Vendor> LONGEST_FIRST = VENDORS.stream()
            .sorted(Comparator.comparingInt((Vendor v) -> v.alias().length()).reversed())
            .toList();

    /** Where the first field of sysDescr ends. */
    private static final Pattern FIELD_END = Pattern.compile("[;,\\n]| /|\\s(?i:version|kernel|series)\\b");
    private static final Pattern TRAILING_FIRMWARE = Pattern.compile("\\s+[Vv]?\\d+(?:\\.\\d+)+$");
    private static final Pattern TRAILING_SERIES = Pattern.compile("\\s+series$", Pattern.CASE_INSENSITIVE);
    /** What a network card or print server says about itself instead of naming the printer. */
    private static final Pattern NOT_A_MODEL = Pattern.compile(
            "ETHERNET|JETDIRECT|MULTI-ENVIRONMENT|PRINT ?SERVER|PRINTING SYSTEM|BUILT-IN|SCAN SERVER|OKILAN"
                    + "|^NC-\\d|^WIRED\\b|^WIRELESS\\b|NETWORK (?:PRINTER|INTERFACE|CARD)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTACHED_TO = Pattern.compile("Attached to\\s+([A-Za-z0-9][\\w.+/-]*)");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    /** The result; either part may be empty. */
    record Names(Optional<String> manufacturer, Optional<String> model) {
    }

    private DeviceNames() {
    }

    private static final Pattern GENERIC = Pattern.compile("^generic\\b", Pattern.CASE_INSENSITIVE);

    /** Names from the two texts, completed from the IEEE 1284 Device ID (its fields, {@link DeviceId}). */
    static Names of(Optional<String> sysDescr, Optional<String> hrDeviceDescr, Map<String, String> deviceId) {
        Names texts = of(sysDescr, hrDeviceDescr);
        Optional<String> idModel = DeviceId.model(deviceId).map(DeviceNames::withoutVendor).flatMap(DeviceNames::tidyModel);
        Optional<String> idVendor = DeviceId.manufacturer(deviceId).map(m -> vendorOf(m).orElse(m.strip()))
                .or(() -> DeviceId.model(deviceId).flatMap(DeviceNames::vendorOf));
        boolean noModel = texts.model().isEmpty() || GENERIC.matcher(texts.model().get()).find();
        if (noModel && idModel.isPresent()) {
            return new Names(texts.manufacturer().or(() -> idVendor), idModel);
        }
        return new Names(texts.manufacturer().or(() -> idVendor), texts.model());
    }

    static Names of(Optional<String> sysDescr, Optional<String> hrDeviceDescr) {
        Optional<String> sysVendor = sysDescr.flatMap(DeviceNames::vendorOf);
        Optional<String> hrVendor = hrDeviceDescr.flatMap(DeviceNames::vendorOf);
        Optional<String> sysModel = sysVendor.isPresent() ? sysDescr.flatMap(DeviceNames::modelOfSysDescr) : Optional.empty();
        if (sysModel.isPresent()) {
            return new Names(sysVendor, sysModel);
        }
        Optional<String> attached = sysDescr.flatMap(DeviceNames::attachedModel);
        if (attached.isPresent()) {
            return new Names(sysVendor.or(() -> hrVendor), attached);
        }
        Optional<String> hrModel = hrDeviceDescr.map(DeviceNames::withoutVendor).flatMap(DeviceNames::tidyModel);
        return new Names(hrVendor.or(() -> sysVendor), hrModel);
    }

    /** The normalised manufacturer name of the text's leading vendor word. */
    static Optional<String> vendorOf(String text) {
        return leadingVendor(text).map(Vendor::name);
    }

    private static Optional<Vendor> leadingVendor(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        for (Vendor vendor : LONGEST_FIRST) {
            String alias = vendor.alias().toLowerCase(Locale.ROOT);
            if (lower.startsWith(alias)
                    && (lower.length() == alias.length() || !Character.isLetterOrDigit(lower.charAt(alias.length())))) {
                return Optional.of(vendor);
            }
        }
        return Optional.empty();
    }

    private static String withoutVendor(String text) {
        String stripped = text.strip();
        return leadingVendor(stripped)
                .map(v -> stripped.substring(v.alias().length()).replaceFirst("^[\\s_:-]+", ""))
                .orElse(stripped);
    }

    private static Optional<String> modelOfSysDescr(String sysDescr) {
        Matcher end = FIELD_END.matcher(sysDescr);
        String field = end.find() ? sysDescr.substring(0, end.start()) : sysDescr;
        field = TRAILING_FIRMWARE.matcher(field.strip()).replaceFirst("");
        String model = withoutVendor(field);
        if (NOT_A_MODEL.matcher(model).find()) {
            return Optional.empty();
        }
        return tidyModel(model);
    }

    private static Optional<String> attachedModel(String sysDescr) {
        Matcher m = ATTACHED_TO.matcher(sysDescr);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<String> tidyModel(String model) {
        String tidy = TRAILING_SERIES.matcher(WHITE_SPACE.matcher(model).replaceAll(" ").strip()).replaceFirst("");
        return tidy.isEmpty() ? Optional.empty() : Optional.of(tidy);
    }
}
