package org.printscout.mib.testing;

import java.util.Map;
import java.util.Optional;

/**
 * Which vendor mapper should claim each shared recording, by the mapper's claim name. Kept in one
 * place so that every vendor bundle tests against the same assignment, and a recording no vendor
 * mapper should claim (Dell's and TSC's, which have no mapper) is listed as such rather than forgotten.
 */
public final class RecordingVendors {

    private static final String NONE = "";

    private static final Map<String, String> VENDOR_BY_RECORDING = Map.ofEntries(
            Map.entry("brother", "brother"),
            Map.entry("canonprinter_d1180", "canon"), Map.entry("canonprinter_ir-adv", "canon"),
            Map.entry("canonprinter_lbp", "canon"), Map.entry("canonprinter_mf", "canon"),
            Map.entry("canonprinter_tm", "canon"),
            // Dell's lasers are made by Lexmark and Fuji Xerox but answer under Dell's own enterprise (674)
            Map.entry("dell-laser", NONE), Map.entry("dell-laser_color", NONE), Map.entry("dell-laser_mfp", NONE),
            Map.entry("dell-laser_s5830dn", NONE),
            Map.entry("developprinter", "konica"),
            Map.entry("epson-scanner_ds-860", "epson"), Map.entry("epson", "epson"),
            Map.entry("fujifilmprinter_c7580", "xerox"),
            Map.entry("gestetner", "ricoh"),
            Map.entry("jetdirect", "hp"),
            // a JetDirect sysDescr under Kyocera's sysObjectID: the HP mapper takes it (see mib.kyocera README)
            Map.entry("jetdirect_1", "hp"),
            Map.entry("jetdirect_2", "hp"), Map.entry("jetdirect_m130nw", "hp"), Map.entry("jetdirect_m880", "hp"),
            Map.entry("konica", "konica"), Map.entry("konica_c250i", "konica"),
            Map.entry("kyocera", "kyocera"),
            Map.entry("lanier", "ricoh"),
            Map.entry("lexmarkprinter", "lexmark"),
            Map.entry("nrg", "ricoh"),
            Map.entry("okilan", "oki"), Map.entry("okilan_9450g", "oki"),
            Map.entry("ricoh", "ricoh"), Map.entry("ricoh_aficio", "ricoh"), Map.entry("ricoh_mpc3002", "ricoh"),
            Map.entry("samsungprinter_c", "samsung"), Map.entry("samsungprinter_clx", "samsung"),
            Map.entry("samsungprinter_m4080fx", "samsung"), Map.entry("samsungprinter_ml", "samsung"),
            Map.entry("samsungprinter_s", "samsung"), Map.entry("samsungprinter_scx", "samsung"),
            Map.entry("savin_c4503", "ricoh"),
            Map.entry("sharp", "sharp"), Map.entry("sharp_mx2614n", "sharp"), Map.entry("sharp_mx3140n", "sharp"),
            Map.entry("sharp_mxc301w", "sharp"),
            Map.entry("toshiba-tec_estudio2505", "toshiba"),
            // an e-STUDIO built by Lexmark, answering under Lexmark's enterprise with Lexmark firmware
            Map.entry("toshiba-tec_estudio305", "lexmark"),
            Map.entry("toshiba-tec_ev4", "toshiba"), Map.entry("toshiba-tec_fv4", "toshiba"),
            Map.entry("toshiba-tec_sx5t", "toshiba"),
            Map.entry("tsc", NONE),
            Map.entry("utax", "kyocera"),
            Map.entry("xerox", "xerox"), Map.entry("xerox_apeosport", "xerox"), Map.entry("xerox_color", "xerox"),
            Map.entry("xerox_docuprint", "xerox"), Map.entry("xerox_phaser", "xerox"),
            Map.entry("xerox_workcentre", "xerox"),
            Map.entry("zebra", "zebra"), Map.entry("zebra_1", "zebra"));

    private RecordingVendors() {
    }

    /** The vendor mapper that should claim the printer recording, empty for none; fails for an unlisted one. */
    public static Optional<String> vendorOf(String recording) {
        String vendor = VENDOR_BY_RECORDING.get(recording);
        if (vendor == null) {
            throw new IllegalArgumentException("recording " + recording + " is not assigned to a vendor in "
                    + RecordingVendors.class.getSimpleName());
        }
        return vendor.isEmpty() ? Optional.empty() : Optional.of(vendor);
    }
}
