package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import org.osgi.service.component.annotations.Component;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * The portal's HTML: FreeMarker templates ({@code templates/*.ftlh} in this bundle) with HTML
 * auto-escaping, so every value a template prints is escaped unless the template says otherwise, and
 * none of ours does. Device strings come from printers and are hostile: they reach the page only
 * through this. The templates hold no script and no inline style (the page's Content-Security-Policy
 * allows neither) and put no value into a URL attribute but ids the portal made. The configuration
 * shuts the doors a template language opens: no {@code ?new} (object creation), no {@code ?api},
 * errors rethrown (answered 500 by the request's containment, never half a page with the error in it).
 */
@Component(service = Templates.class)
public final class Templates {

    static final String FOLDER = "org/printscout/portal/server/templates";

    private final Configuration configuration;

    public Templates() {
        configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassLoaderForTemplateLoading(Templates.class.getClassLoader(), FOLDER);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setAutoEscapingPolicy(Configuration.FORCE_AUTO_ESCAPING_POLICY);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setLocale(Locale.US);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        // templates are part of the bundle: a new bundle version brings new ones, so they are never re-read
        configuration.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    }

    /** Renders {@code name} (e.g. {@code overview.ftlh}) with {@code model}. */
    String render(String name, Map<String, ?> model) throws IOException {
        StringWriter out = new StringWriter(8192);
        try {
            configuration.getTemplate(name).process(model, out);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessageWithoutStackTop(), e);
        }
        return out.toString();
    }
}
