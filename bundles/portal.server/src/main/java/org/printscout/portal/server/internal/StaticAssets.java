package org.printscout.portal.server.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The pages' static files (the stylesheet), {@code /static/*} served by the whiteboard from this
 * bundle's {@code static/} folder: no code of ours reads files for a URL. They pass the portal's
 * filters like every page (headers, cross-site refusal).
 */
@Component(service = StaticAssets.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardResource(pattern = "/static/*", prefix = "/static")
public final class StaticAssets {
}
