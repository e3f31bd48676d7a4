package org.printscout.api.report;

/** Why a scan ran: the daily meter reading of every device, or the frequent status check. */
public enum ScanKind {
    METER, STATUS
}
