package org.rampe.places;

import java.util.Arrays;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stop-gap: {@link Places} has two constructors (one takes a clock, for tests) and neither says
 * which one Spring should use, so the context cannot start. Until Places marks its
 * {@code Places(PlaceRepository)} constructor {@code @Autowired}, this tells Spring to use that one.
 * It steps aside by itself once Places does; then delete this class.
 */
@Configuration(proxyBeanMethods = false)
class PlacesWiring {

    @Bean
    static BeanFactoryPostProcessor placesConstructor() {
        return beanFactory -> {
            boolean placesSaysWhich = Arrays.stream(Places.class.getDeclaredConstructors())
                    .anyMatch(c -> c.isAnnotationPresent(Autowired.class));
            if (!placesSaysWhich && beanFactory.containsBeanDefinition("places")
                    && beanFactory.getBeanDefinition("places") instanceof AbstractBeanDefinition definition) {
                definition.setInstanceSupplier(() -> new Places(beanFactory.getBean(PlaceRepository.class)));
            }
        };
    }
}
