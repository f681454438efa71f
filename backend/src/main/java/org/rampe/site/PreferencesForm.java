package org.rampe.site;

/** The reading-comfort part of the display settings; the text size has its own buttons. */
public class PreferencesForm {

    private boolean highContrast;
    private boolean dyslexiaFont;
    private boolean reducedMotion;
    private boolean hideMap;

    static PreferencesForm of(DisplayPreferences p) {
        var form = new PreferencesForm();
        form.highContrast = p.highContrast();
        form.dyslexiaFont = p.dyslexiaFont();
        form.reducedMotion = p.reducedMotion();
        form.hideMap = p.hideMap();
        return form;
    }

    DisplayPreferences toPreferences(int textSize) {
        return new DisplayPreferences(textSize, highContrast, dyslexiaFont, reducedMotion, hideMap);
    }

    public boolean isHighContrast() {
        return highContrast;
    }

    public void setHighContrast(boolean highContrast) {
        this.highContrast = highContrast;
    }

    public boolean isDyslexiaFont() {
        return dyslexiaFont;
    }

    public void setDyslexiaFont(boolean dyslexiaFont) {
        this.dyslexiaFont = dyslexiaFont;
    }

    public boolean isReducedMotion() {
        return reducedMotion;
    }

    public void setReducedMotion(boolean reducedMotion) {
        this.reducedMotion = reducedMotion;
    }

    public boolean isHideMap() {
        return hideMap;
    }

    public void setHideMap(boolean hideMap) {
        this.hideMap = hideMap;
    }
}
