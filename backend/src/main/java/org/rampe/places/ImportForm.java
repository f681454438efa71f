package org.rampe.places;

import java.util.List;

import org.springframework.validation.Errors;

/**
 * The administrators' import form: a file sent with it or the name of a file of the server's import
 * directory, the source, the area and whether the file is a complete extract. What was typed comes
 * back on a mistake (a file sent cannot: browsers never fill a file field).
 */
public class ImportForm {

    static final List<String> SOURCES = List.of(PlaceSource.OSM, PlaceSource.ACCESLIBRE);
    static final List<String> AREAS = List.of("everywhere", "box", "departement");

    private String source = PlaceSource.OSM;
    private String path = "";
    private String area = "everywhere";
    private String box = "";
    private String departement = "";
    private boolean complete;

    /**
     * Checks what needs no file system nor graph; {@code uploaded} is whether a non-empty file came
     * with the form. Returns the area asked for when it is valid (a département without its box yet).
     */
    Area validate(Errors errors, boolean uploaded) {
        if (!SOURCES.contains(source)) {
            errors.rejectValue("source", "imports.error.source");
        }
        if (!uploaded && path.isBlank()) {
            errors.rejectValue("file", "imports.error.noFile");
        } else if (uploaded && !path.isBlank()) {
            errors.rejectValue("file", "imports.error.both");
        }
        switch (area) {
            case "box" -> {
                try {
                    return Area.Box.parse(box);
                } catch (IllegalArgumentException e) {
                    errors.rejectValue("box", "imports.error.box");
                }
            }
            case "departement" -> {
                try {
                    return new Area.Departement(departement, null);
                } catch (IllegalArgumentException e) {
                    errors.rejectValue("departement", "imports.error.departement");
                }
            }
            case "everywhere" -> {
                return Area.EVERYWHERE;
            }
            default -> errors.rejectValue("area", "imports.error.area");
        }
        return null;
    }

    /** Bound so that an error can be tied to the file field; the file itself is a request part. */
    public String getFile() {
        return "";
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source == null ? "" : source.strip();
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path == null ? "" : path;
    }

    public String getArea() {
        return area;
    }

    public void setArea(String area) {
        this.area = area == null ? "" : area;
    }

    public String getBox() {
        return box;
    }

    public void setBox(String box) {
        this.box = box == null ? "" : box;
    }

    public String getDepartement() {
        return departement;
    }

    public void setDepartement(String departement) {
        this.departement = departement == null ? "" : departement;
    }

    public boolean isComplete() {
        return complete;
    }

    public void setComplete(boolean complete) {
        this.complete = complete;
    }
}
