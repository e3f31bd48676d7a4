package org.printscout.portal.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.ee10.proxy.AsyncMiddleManServlet;

/**
 * Makes a printer page's absolute links to the printer's own origin ({@code http://10.1.2.3/x},
 * {@code //10.1.2.3:80/x}) root-relative, so they stay on the relay instead of sending the browser
 * to a LAN address it cannot reach. It streams: each piece of the body goes on at once except the
 * last few bytes, which are kept until the next piece shows whether a link to the printer's address
 * starts there. Bytes are read as ISO-8859-1, one character per byte, so any ASCII-compatible
 * encoding (UTF-8, Latin-1, Shift JIS's ASCII range) passes through unchanged apart from the links.
 * Links to other origins, and other schemes or ports of the printer, are left alone.
 */
final class PrinterLinks implements AsyncMiddleManServlet.ContentTransformer {

    private final Pattern origin;
    private final int keep;
    /** Enough of what went before for the scheme look-behind. */
    private static final int CONTEXT = 16;

    private String carry = "";
    private String before = "";

    PrinterLinks(String deviceAddress, int devicePort, boolean tls) {
        String scheme = tls ? "https" : "http";
        String host = deviceAddress.contains(":") ? "[" + deviceAddress + "]" : deviceAddress;
        // the session's scheme, or none (a protocol-relative link, not the tail of another scheme's "://");
        // the default port optional; then anything but more host or port
        this.origin = Pattern.compile("(?:(?<![A-Za-z0-9+.\\-])" + scheme + ":|(?<![:/]))//" + Pattern.quote(host)
                + "(?::" + devicePort + ")?(?![0-9A-Za-z.:\\-\\]])(/?)",
                Pattern.CASE_INSENSITIVE);
        this.keep = (scheme + "://" + host + ":" + devicePort).length() + 2;
    }

    /** Bodies whose links can be read as text: pages, style sheets, scripts, XML and JSON. */
    static boolean rewritable(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/javascript") || type.equals("application/json")
                || type.equals("application/xml") || type.equals("application/xhtml+xml");
    }

    @Override
    public void transform(ByteBuffer input, boolean finished, List<ByteBuffer> output) {
        byte[] bytes = new byte[input.remaining()];
        input.get(bytes);
        // what went out last is kept as context only, for the look-behind (is "//" the tail of "https://"?)
        String text = before + carry + new String(bytes, StandardCharsets.ISO_8859_1);
        int start = before.length();
        int safe = finished ? text.length() : Math.max(start, text.length() - keep);
        StringBuilder out = new StringBuilder(text.length());
        Matcher link = origin.matcher(text).region(start, text.length()).useTransparentBounds(true);
        int last = start;
        while (link.find() && link.start() < safe) {
            out.append(text, last, link.start()).append('/');
            last = link.end();
        }
        int upTo = Math.max(last, safe);
        out.append(text, last, upTo);
        carry = text.substring(upTo);
        before = text.substring(Math.max(0, upTo - CONTEXT), upTo);
        if (out.length() > 0) {
            output.add(ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
