package org.printscout.shell.internal;

import org.osgi.service.component.annotations.Component;
import org.printscout.api.snmp.SnmpTarget;

/**
 * Turns a command line's host and credential options into an {@link SnmpTarget}.
 */
@Component(service = TargetResolver.class)
public final class TargetResolver {

    SnmpTarget resolve(SnmpCommandLine cl, String host) {
        SnmpTarget target = SnmpTarget.of(SnmpCommandLine.address(host), cl.credential());
        return cl.tune(target);
    }
}
