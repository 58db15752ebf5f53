// (The programme registry lives in programme_schema.cpp, beside each type's keys.)
