package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Escaping and the page frame: every value that reaches a page goes through {@link #esc}. */
final class Html {

    private Html() {
    }

    static String esc(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** A value from a request, safe for a log line or a plain-text answer: bounded, no control characters. */
    static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    static void text(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void page(HttpServletResponse response, int status, String title, boolean signedIn, String csrf, String body) throws IOException {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>").append(esc(title)).append(" - PrintScout</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>")
                .append("<header><strong>PrintScout</strong> <span class=\"box\">local agent</span>");
        if (signedIn) {
            html.append("<nav><a href=\"/\">Status</a> <a href=\"/devices\">Devices</a> <a href=\"/settings\">Settings</a>")
                    .append("<form method=\"post\" action=\"/signout\" class=\"inline\"><input type=\"hidden\" name=\"csrf\" value=\"")
                    .append(esc(csrf)).append("\"><button>Sign out</button></form></nav>");
        }
        html.append("</header><main><h1>").append(esc(title)).append("</h1>").append(body).append("</main></body></html>");
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getOutputStream().write(html.toString().getBytes(StandardCharsets.UTF_8));
    }
}
