-- A comment inserted with a display number advances its thread's counter, so that inserting a
-- numbered comment takes one statement.
CREATE TRIGGER comments_advance_thread_number AFTER INSERT ON comments
WHEN NEW.number IS NOT NULL
BEGIN
    UPDATE threads SET last_number = NEW.number WHERE id = NEW.thread_id AND last_number < NEW.number;
END;
