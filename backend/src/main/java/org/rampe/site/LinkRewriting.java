package org.rampe.site;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * No rewriting of the links a page builds. The webjars locator (for version-less
 * {@code /webjars/leaflet/...} URLs) turns Spring's resource chain on, and with it Spring Boot adds
 * the {@link ResourceUrlEncodingFilter}, which asks the resource chain about every link of every
 * page. For a link that is not a static file ({@code /members/ana}, {@code /posts/...}) the answer
 * is "none", found by looking the path up in every jar of the class path, and a miss is never
 * cached: that was some 60 % of the time of a feed page. The site versions no static file by
 * content, so the filter has nothing to do; the webjars are still served through the resource
 * chain, which resolves their versions when a file is requested.
 */
@Configuration(proxyBeanMethods = false)
class LinkRewriting {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
