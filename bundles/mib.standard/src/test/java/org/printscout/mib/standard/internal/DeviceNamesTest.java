package org.printscout.mib.standard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNamesTest {

    @ParameterizedTest(name = "{0} | {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // sysDescr                                                        | hrDeviceDescr                    | manufacturer   | model
        "HP ETHERNET MULTI-ENVIRONMENT,SN:X1,FN:1                          | HP Color LaserJet M452nw          | HP             | Color LaserJet M452nw",
        "Brother NC-8300h, Firmware Ver.1.14                               | Brother MFC-L2710DW series        | Brother        | MFC-L2710DW",
        "KONICA MINOLTA bizhub C3110                                       | Generic 28C-1                     | Konica Minolta | bizhub C3110",
        "Samsung M4080FX; V11.01.03.04                                     | Samsung M408x Series              | Samsung        | M4080FX",
        "Samsung ML-2850 Series OS 1.01.15.47 02-10-2010;Engine 1.01.25    | -                                 | Samsung        | ML-2850",
        "RICOH Aficio MP C3002 2.20 / RICOH Network Printer C model        | RICOH Aficio MP C3002             | Ricoh          | Aficio MP C3002",
        "Canon LBP6670 /P                                                  | Canon LBP6670                     | Canon          | LBP6670",
        "Dell S5830dn version NH62.YS.N636 kernel 3.0.0 All-N-1            | Dell S5830dn 7XQ1R92 LW62.DN4.P636| Dell           | S5830dn",
        "Lexmark T640 version NS.NP.N219 kernel 2.6.6 All-N-1              | -                                 | Lexmark        | T640",
        "Xerox AltaLink C8045; SS 100.002.057.09608, NC 100.002.09608      | -                                 | Xerox          | AltaLink C8045",
        "FUJI XEROX ApeosPort-VI C4471;ESS1.0.217                          | -                                 | Fuji Xerox     | ApeosPort-VI C4471",
        "TA_UTAX Printing System                                           | P-4532DN                          | UTAX           | P-4532DN",
        "KYOCERA Document Solutions Printing System                        | -                                 | Kyocera        | -",
        "EPSON Built-in                                                    | EPSON WF-C5790BA                  | Epson          | WF-C5790BA",
        "ZebraNet Wired PS                                                 | -                                 | Zebra          | -",
        "OKI OkiLAN 9450g Rev.00.69 Ethernet PrintServer: Attached to MC873 Rev.07.87 : Copyright | - | OKI | MC873",
        "TOSHIBA TEC B-EV4                                                 | -                                 | Toshiba        | B-EV4",
        "Develop ineo  280                                                 | -                                 | Develop        | ineo 280",
        "Hardware: x86 Family 6 Model 9 - Software: Windows 2000 Version 5.1 | Microsoft XPS Document Writer  | -              | Microsoft XPS Document Writer",
        "TTP244CE Version: 7.02 EZD                                        | -                                 | -              | -",
        "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT                  | KYOCERA ECOSYS P3045dn            | Kyocera        | ECOSYS P3045dn",
    })
    void namesManufacturerAndModel(String sysDescr, String hrDeviceDescr, String manufacturer, String model) {
        DeviceNames.Names names = DeviceNames.of(Optional.ofNullable(sysDescr), Optional.ofNullable(hrDeviceDescr));
        assertEquals(Optional.ofNullable(manufacturer), names.manufacturer(), "manufacturer");
        assertEquals(Optional.ofNullable(model), names.model(), "model");
    }
}
