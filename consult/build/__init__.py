"""Staff questionnaire builder. For now, the services that create consultations and questions."""
