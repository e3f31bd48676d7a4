package org.printscout.itest.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A fixture bundle for the portal: registers a servlet on the portal's servlet context at
 * {@code /boom/*} that throws what its path names (an OutOfMemoryError, a StackOverflowError, a
 * RuntimeException). It is a {@link Proxy} of {@code jakarta.servlet.Servlet}, so the test module
 * needs no servlet API to build it.
 */
public final class ThrowingServletActivator implements BundleActivator {

    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) throws Exception {
        Class<?> servlet = Class.forName("jakarta.servlet.Servlet");
        java.lang.reflect.Method requestUri = Class.forName("jakarta.servlet.http.HttpServletRequest").getMethod("getRequestURI");
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "service": {
                    String uri = (String) requestUri.invoke(args[0]);
                    if (uri.endsWith("/oom")) {
                        throw new OutOfMemoryError("fixture: Java heap space");
                    }
                    if (uri.endsWith("/stack")) {
                        throw new StackOverflowError("fixture: deep recursion");
                    }
                    throw new IllegalStateException("fixture: a bug in a handler");
                }
                case "getServletInfo":
                    return "throwing fixture";
                case "toString":
                    return "ThrowingServlet";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return null;
            }
        };
        Object instance = Proxy.newProxyInstance(servlet.getClassLoader(), new Class<?>[] {servlet}, handler);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/boom/*");
        properties.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=printscout.portal)");
        registration = context.registerService(servlet.getName(), instance, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
