package org.printscout.portal.server.internal;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/**
 * The portal's own servlet context at {@code /}: its servlets and filters select it, so the security
 * filters apply to exactly the portal's servlets and to nothing another bundle registers. Its
 * resources ({@link StaticAssets}) are this bundle's entries.
 */
// Not on the remote web UI's relay (a Felix HTTP instance of its own): the printer's pages and the
// portal's never share an origin.
@Component(service = ServletContextHelper.class, property = "osgi.http.whiteboard.target=(!" + RemoteUiService.RELAY_TARGET + ")")
@HttpWhiteboardContext(name = PortalServletContext.NAME, path = "/")
public final class PortalServletContext extends ServletContextHelper {

    static final String NAME = "printscout.portal";
    /** The filter that selects this context, for the servlets' and filters' {@code @HttpWhiteboardContextSelect}. */
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";

    @Activate
    public PortalServletContext(BundleContext context) {
        super(context.getBundle());
    }
}
