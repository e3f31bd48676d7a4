package org.printscout.portal.server.internal;

import java.io.IOException;
import java.sql.SQLException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * The outermost filter of the portal's context: whatever a servlet throws while the container
 * waits for it, an {@link Error} (OutOfMemoryError, StackOverflowError) included, is logged in the
 * portal's log and answered (503 for an Error or a storage failure, 500 otherwise), never a dropped
 * connection. The portal's own servlets go asynchronous at once and contain their later steps the
 * same way ({@link Exchange}); this covers the part before, and any servlet registered into the
 * portal's context.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=1000")
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("printscout-failures")
@HttpWhiteboardFilterAsyncSupported
public final class FailureFilter implements Filter {

    private final Logger log;

    @Activate
    public FailureFilter(@Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        try {
            chain.doFilter(request, response);
        } catch (Throwable thrown) {
            Throwable t = thrown instanceof jakarta.servlet.ServletException && thrown.getCause() != null ? thrown.getCause() : thrown;
            try {
                log.error("portal: " + request.getMethod() + " " + request.getRequestURI() + " failed: " + t, t);
            } catch (Throwable ignored) {
                // logging failed too (out of memory): answer if we still can
            }
            try {
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    boolean unavailable = t instanceof Error || t instanceof SQLException;
                    if (unavailable) {
                        response.setHeader("Retry-After", "30");
                    }
                    Http.text(response, unavailable ? 503 : 500, t instanceof SQLException ? "storage unavailable; try again later"
                            : t instanceof Error ? "the portal is short of resources; try again later" : "internal error");
                }
            } catch (IOException | RuntimeException | Error ignored) {
                // the client is gone or nothing can be written
            }
        }
    }
}
