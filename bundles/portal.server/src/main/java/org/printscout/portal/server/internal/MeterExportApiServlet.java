package org.printscout.portal.server.internal;

import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The meter export for billing systems: {@code GET /api/v1/export} with
 * {@code Authorization: Bearer <token>} (a dealer's API token, {@link ApiTokenStore}), the period as
 * on the page ({@link ExportPeriod}) and {@code format=csv} or {@code json} (or by {@code Accept};
 * JSON when neither says). A missing, unknown or revoked token is 401; anything but GET or HEAD is
 * 405, as the token is read only. This exact path takes precedence over the agents' {@code /api/*}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(PortalServletContext.SELECT)
@HttpWhiteboardServletPattern(MeterExportApiServlet.PATH)
@HttpWhiteboardServletName("printscout-export-api")
@HttpWhiteboardServletAsyncSupported
public final class MeterExportApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/api/v1/export";

    private final transient ApiTokenStore tokens;
    private final transient MeterExport export;
    private final transient Logger log;
    private final transient Clock clock;

    @Activate
    public MeterExportApiServlet(@Reference PortalComponent portal, @Reference(service = LoggerFactory.class) Logger log) {
        this(portal.apiTokens(), portal.meterExport(), log, Clock.systemUTC());
    }

    MeterExportApiServlet(ApiTokenStore tokens, MeterExport export, Logger log, Clock clock) {
        this.tokens = tokens;
        this.export = export;
        this.log = log;
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        Exchange.start(request, response, log, exchange -> {
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.setHeader("Allow", "GET");
                exchange.text(405, "the export is read only: GET");
                return;
            }
            Optional<ApiTokenStore.Holder> holder = tokens.holder(bearer(request));
            if (holder.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"printscout\"");
                exchange.text(401, "an API token is needed: Authorization: Bearer <token> (unknown or revoked tokens open nothing)");
                return;
            }
            ExportPeriod period;
            try {
                period = ExportPeriod.parse(request::getParameter, clock);
            } catch (ExportPeriod.Refused e) {
                exchange.text(400, e.getMessage());
                return;
            }
            String format = format(request);
            if (format == null) {
                exchange.text(400, "format must be csv or json");
                return;
            }
            MeterExport.Export result = export.export(holder.get().asUser(), period.from(), period.to());
            if (format.equals("csv")) {
                MeterExportServlet.download(exchange, result, "csv", "text/csv; charset=utf-8; header=present", MeterExportFormat.csv(result));
            } else {
                MeterExportServlet.download(exchange, result, "json", "application/json", MeterExportFormat.json(result));
            }
        });
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    static String bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    /** csv or json from the parameter, else from Accept; null for a format asked for that is neither. */
    private static String format(HttpServletRequest request) {
        String asked = request.getParameter("format");
        if (asked != null && !asked.isBlank()) {
            return asked.equals("csv") || asked.equals("json") ? asked : null;
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/csv") ? "csv" : "json";
    }
}
