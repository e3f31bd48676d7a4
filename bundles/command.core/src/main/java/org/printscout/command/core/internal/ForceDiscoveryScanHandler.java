package org.printscout.command.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.printscout.api.command.Command;
import org.printscout.api.command.CommandCodes;
import org.printscout.api.command.CommandHandler;
import org.printscout.api.command.CommandResult;
import org.printscout.api.schedule.ScanTrigger;

/**
 * Force Discovery Scan: starts the meter scan (discovery and reading of every site range) now and
 * answers at once; the scan's readings are reported like a scheduled scan's. Refused while a scan
 * runs. The scan may take longer than any command time limit, so the command does not wait for it.
 */
@Component(service = CommandHandler.class, property = CommandHandler.CODE + ":Integer=" + CommandCodes.FORCE_DISCOVERY_SCAN)
public final class ForceDiscoveryScanHandler implements CommandHandler {

    private final ScanTrigger trigger;

    @Activate
    public ForceDiscoveryScanHandler(
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) ScanTrigger trigger) {
        this.trigger = trigger;
    }

    @Override
    public CommandResult execute(Command command) {
        if (trigger == null) {
            return CommandResult.failed("the scheduler is not running, so no scan can be started");
        }
        if (!trigger.startMeterScan()) {
            return CommandResult.failed("a discovery scan is already running; no second one was started");
        }
        return CommandResult.done("discovery scan of every site range started; its readings are reported when it ends"
                + (command.parameter().isBlank() ? "" : " (the parameter '" + command.parameter() + "' was ignored)"));
    }
}
