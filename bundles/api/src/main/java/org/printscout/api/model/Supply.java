package org.printscout.api.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One consumable (toner, drum, waste toner, fuser, staples...).
 *
 * @param index the row index in prtMarkerSuppliesTable (or the vendor table)
 * @param description what the device calls it
 * @param type Printer-MIB prtMarkerSuppliesType name in camelCase ("toner", "wasteToner", "opc"...)
 * @param colorant the colorant value ("black", "cyan"...), null where none applies
 * @param unit Printer-MIB prtMarkerSuppliesSupplyUnit name ("percent", "impressions"...)
 * @param level current level
 * @param maxCapacity maximum capacity
 * @param partNumber vendor part number where the device tells it
 */
public record Supply(int index, String description, String type, String colorant, String unit,
                     SupplyLevel level, SupplyLevel maxCapacity, String partNumber) {

    public Supply {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(maxCapacity, "maxCapacity");
    }

    /** Level in percent of capacity, only when both are real numbers and capacity is positive. */
    public OptionalDouble percent() {
        if (level.isAmount() && maxCapacity.isAmount() && maxCapacity.amount() > 0) {
            return OptionalDouble.of(Math.min(100.0, 100.0 * level.amount() / maxCapacity.amount()));
        }
        return OptionalDouble.empty();
    }
}
