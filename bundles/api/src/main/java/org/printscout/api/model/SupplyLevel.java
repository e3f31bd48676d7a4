package org.printscout.api.model;

/**
 * A supply amount as Printer-MIB (RFC 3805) reports it: a number, or one of the special values
 * -1 (other), -2 (unknown), -3 (some remaining: present but not measured). Special values are kept
 * as what they mean, never turned into a number.
 */
public record SupplyLevel(Kind kind, long amount) {

    /** How to read {@link #amount}. */
    public enum Kind {
        AMOUNT, OTHER, UNKNOWN, SOME_REMAINING
    }

    public static final SupplyLevel OTHER = new SupplyLevel(Kind.OTHER, -1);
    public static final SupplyLevel UNKNOWN = new SupplyLevel(Kind.UNKNOWN, -2);
    public static final SupplyLevel SOME_REMAINING = new SupplyLevel(Kind.SOME_REMAINING, -3);

    /** From a raw Printer-MIB value; negative values other than -1/-2/-3 are read as unknown. */
    public static SupplyLevel ofPrinterMib(long raw) {
        if (raw >= 0) {
            return new SupplyLevel(Kind.AMOUNT, raw);
        }
        if (raw == -1) {
            return OTHER;
        }
        if (raw == -3) {
            return SOME_REMAINING;
        }
        return UNKNOWN;
    }

    public boolean isAmount() {
        return kind == Kind.AMOUNT;
    }

    @Override
    public String toString() {
        switch (kind) {
            case AMOUNT:
                return Long.toString(amount);
            case SOME_REMAINING:
                return "some remaining";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
