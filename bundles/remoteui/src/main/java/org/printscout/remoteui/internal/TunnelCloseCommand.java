package org.printscout.remoteui.internal;

import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code scout:tunnel-close ID}: ends a remote UI session from the site. "tunnel-close" is no Java
 * method name, so this is a Gogo {@link Function}, called directly (as {@code scout:mapping-test}).
 */
@Component(service = Function.class, property = {"osgi.command.scope=scout", "osgi.command.function=tunnel-close"})
public final class TunnelCloseCommand implements Function {

    private final TunnelManager tunnels;

    @Activate
    public TunnelCloseCommand(@Reference TunnelManager tunnels) {
        this.tunnels = tunnels;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        if (arguments.size() != 1) {
            return "usage: scout:tunnel-close SESSION (see scout:tunnels)\n";
        }
        String id = String.valueOf(arguments.get(0));
        return tunnels.close(id, "closed on the site with scout:tunnel-close") ? "closed " + id + "\n"
                : "no open remote UI session " + id + "\n";
    }
}
