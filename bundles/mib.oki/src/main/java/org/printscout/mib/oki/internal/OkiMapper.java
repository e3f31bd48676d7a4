package org.printscout.mib.oki.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.mapper.DeviceFacts;
import org.printscout.api.mapper.Mapper;
import org.printscout.api.mapper.MapperClaims;
import org.printscout.api.mapper.OidPlan;
import org.printscout.api.model.ReadingBuilder;
import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.Snapshot;
import org.printscout.mib.support.ModelNames;
import org.printscout.mib.support.VendorText;

/**
 * OKI (enterprise 2001, OkiLAN print servers): model and serial number from OKI's private MIB, and
 * the printer's firmware revision from the OkiLAN sysDescr (which the print server writes). No
 * OKI page counter with a usable source was found; see the README.
 */
@Component(service = Mapper.class)
@MapperClaims(name = "oki", enterprise = 2001, rank = 100)
public final class OkiMapper implements Mapper {

    static final Oid MODEL = Oid.parse("1.3.6.1.4.1.2001.1.1.1.1.11.1.10.25.0");
    static final Oid SERIAL_NUMBER = Oid.parse("1.3.6.1.4.1.2001.1.1.1.1.11.1.10.45.0");

    static final Oid SYS_DESCR = Oid.parse("1.3.6.1.2.1.1.1.0");

    static final OidPlan PLAN = OidPlan.builder().scalar(MODEL).scalar(SERIAL_NUMBER).scalar(SYS_DESCR).build();

    /** OkiLAN's sysDescr names the printer and its firmware: "... Attached to MC873 Rev.07.87 : ...". */
    private static final Pattern ATTACHED_FIRMWARE = Pattern.compile("Attached to\\s+\\S+\\s+Rev\\.?\\s*([0-9][\\w.]*)");

    @Override
    public OidPlan plan(DeviceFacts device) {
        return PLAN;
    }

    @Override
    public void map(Snapshot snapshot, ReadingBuilder reading) {
        VendorText.of(snapshot, MODEL).flatMap(model -> ModelNames.withoutVendor(model, "OKI DATA", "OKI"))
                .ifPresent(reading::model);
        VendorText.serial(VendorText.of(snapshot, SERIAL_NUMBER)).ifPresent(reading::serialNumber);
        VendorText.of(snapshot, SYS_DESCR).map(ATTACHED_FIRMWARE::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).ifPresent(reading::firmware);
    }
}
