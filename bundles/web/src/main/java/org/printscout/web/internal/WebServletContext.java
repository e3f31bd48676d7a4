package org.printscout.web.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/** The local UI's own servlet context at {@code /}: its filter guards exactly its servlets. */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WebServletContext.NAME, path = "/")
public final class WebServletContext extends ServletContextHelper {

    static final String NAME = "printscout.web";
    static final String SELECT = "(osgi.http.whiteboard.context.name=" + NAME + ")";
}
