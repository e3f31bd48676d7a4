package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** The pages' one style sheet, served from the bundle (the policy allows styles from the box itself only). */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WebServletContext.SELECT)
@HttpWhiteboardServletPattern("/style.css")
@HttpWhiteboardServletName("printscout-web-style")
public final class StyleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/css;charset=utf-8");
        try (var in = StyleServlet.class.getResourceAsStream("style.css")) {
            response.getOutputStream().write(new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        }
    }
}
