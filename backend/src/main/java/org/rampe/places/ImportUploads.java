package org.rampe.places;

import java.io.IOException;
import java.nio.file.Files;

import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The import form's one route, {@value #PATH}, has a servlet of its own: Tomcat reads a multipart
 * body with the limits of the servlet the address is mapped to, and the site's (25 MB, for photos)
 * are far below a regional extract. This second dispatcher serves the same controllers from the same
 * context; only its upload limit ({@code rampe.imports.max-upload-size}) and where the upload is
 * written as it arrives ({@code <import dir>/.uploads}, on the disk of the data, not in /tmp nor in
 * memory) differ. Requests to it from anyone but an administrator are refused before their body is
 * read (members.SecurityConfiguration, the /admin rule).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ImportUploads {

    static final String PATH = "/admin/imports/start";
    /** The form's other fields around the file. */
    private static final long FORM_FIELDS = 1024 * 1024;

    @Bean
    ServletRegistrationBean<DispatcherServlet> importUploadServlet(WebApplicationContext context, ImportJobs jobs,
                                                                   ImportSettings settings) throws IOException {
        Files.createDirectories(jobs.uploads());
        var servlet = new DispatcherServlet(context);
        var registration = new ServletRegistrationBean<>(servlet, PATH);
        registration.setName("importUploads");
        long max = settings.maxUploadSize().toBytes();
        registration.setMultipartConfig(new MultipartConfigElement(jobs.uploads().toString(), max, max + FORM_FIELDS, 0));
        return registration;
    }
}
